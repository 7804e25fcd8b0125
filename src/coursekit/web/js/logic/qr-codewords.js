/* QR code, part 1 of 2: from text to the final codeword sequence (ISO/IEC 18004, byte mode,
 * error correction level M, versions 1-20). logic/qr-matrix.js places the codewords.
 * Pure; tested against the Python library segno (tests/js/qr.test.mjs, tests/test_qr_js.py).
 */

export var MAX_VERSION = 20;

/* Level M per version: [EC codewords per block, blocks in group 1, data codewords per block
   there, blocks in group 2, data codewords per block there] (the standard's table 9). */
var BLOCKS_M = [
  null,
  [10, 1, 16, 0, 0], [16, 1, 28, 0, 0], [26, 1, 44, 0, 0], [18, 2, 32, 0, 0], [24, 2, 43, 0, 0],
  [16, 4, 27, 0, 0], [18, 4, 31, 0, 0], [22, 2, 38, 2, 39], [22, 3, 36, 2, 37], [26, 4, 43, 1, 44],
  [30, 1, 50, 4, 51], [22, 6, 36, 2, 37], [22, 8, 37, 1, 38], [24, 4, 40, 5, 41], [24, 5, 41, 5, 42],
  [28, 7, 45, 3, 46], [28, 10, 46, 1, 47], [26, 9, 43, 4, 44], [26, 3, 44, 11, 45], [26, 3, 41, 13, 42],
];

export function dataCodewords(version) {
  var b = BLOCKS_M[version];
  return b[1] * b[2] + b[3] * b[4];
}

function countBits(version) {
  return version < 10 ? 8 : 16; // byte mode's character count indicator
}

/* The text's bytes in UTF-8 (TextEncoder is missing from some old phone browsers). */
export function utf8Bytes(text) {
  var bytes = [];
  var s = unescape(encodeURIComponent(text));
  for (var i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i));
  return bytes;
}

/* The smallest version from ``min`` whose level-M capacity holds ``length`` bytes, or 0. */
export function fittingVersion(length, min) {
  for (var v = min || 1; v <= MAX_VERSION; v++) {
    if (4 + countBits(v) + 8 * length <= dataCodewords(v) * 8) return v;
  }
  return 0;
}

/* Data codewords: mode indicator 0100, count, the bytes, terminator, padding to the capacity. */
export function encodeData(bytes, version) {
  var bits = [];
  function put(value, length) {
    for (var i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  }
  var capacity = dataCodewords(version) * 8;
  put(4, 4);
  put(bytes.length, countBits(version));
  bytes.forEach(function (b) { put(b, 8); });
  put(0, Math.min(4, capacity - bits.length));
  // Zero bits up to the next codeword, a whole zero codeword when already there: what segno
  // writes (the standard adds none then). Readers stop at the terminator, so both read the
  // same; matching segno keeps our symbols identical to the trainer side's, module for module.
  if (bits.length < capacity) put(0, 8 - (bits.length % 8));
  var words = [];
  for (var i = 0; i < bits.length; i += 8) {
    var w = 0;
    for (var j = 0; j < 8; j++) w = (w << 1) | bits[i + j];
    words.push(w);
  }
  for (var k = 0; words.length < capacity / 8; k++) words.push(k % 2 ? 0x11 : 0xec);
  return words;
}

/* GF(256) with the field polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d). */
var EXP = new Array(512);
var LOG = new Array(256);
(function () {
  var x = 1;
  for (var i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (var j = 255; j < 512; j++) EXP[j] = EXP[j - 255];
})();

function multiply(a, b) {
  return a && b ? EXP[LOG[a] + LOG[b]] : 0;
}

/* The generator polynomial (x - a^0)(x - a^1)...(x - a^(n-1)), highest power first. */
function generator(n) {
  var poly = [1];
  for (var i = 0; i < n; i++) {
    var next = new Array(poly.length + 1).fill(0);
    for (var j = 0; j < poly.length; j++) {
      next[j] ^= poly[j];
      next[j + 1] ^= multiply(poly[j], EXP[i]);
    }
    poly = next;
  }
  return poly;
}

/* The ``n`` error correction codewords of ``data``: the remainder of data * x^n by the generator. */
export function reedSolomon(data, n) {
  var gen = generator(n);
  var rest = new Array(n).fill(0);
  data.forEach(function (d) {
    var factor = d ^ rest.shift();
    rest.push(0);
    for (var i = 0; i < n; i++) rest[i] ^= multiply(gen[i + 1], factor);
  });
  return rest;
}

/* Data and error correction codewords split into blocks and interleaved as the symbol holds them. */
export function finalCodewords(data, version) {
  var b = BLOCKS_M[version];
  var blocks = [];
  var at = 0;
  for (var i = 0; i < b[1] + b[3]; i++) {
    var length = i < b[1] ? b[2] : b[4];
    var part = data.slice(at, at + length);
    at += length;
    blocks.push({ data: part, ec: reedSolomon(part, b[0]) });
  }
  var out = [];
  var longest = Math.max(b[2], b[4]);
  for (var k = 0; k < longest; k++) {
    blocks.forEach(function (block) { if (k < block.data.length) out.push(block.data[k]); });
  }
  for (var e = 0; e < b[0]; e++) {
    blocks.forEach(function (block) { out.push(block.ec[e]); });
  }
  return out;
}
