/* QR code, part 2 of 2: the module matrix (ISO/IEC 18004): function patterns, the codewords of
 * logic/qr-codewords.js in their zigzag, the mask with the lowest penalty, format and version
 * information. ``qrMatrix(text)`` is what the page draws: rows of 0 (light) and 1 (dark),
 * without the quiet zone. Pure.
 */

import { encodeData, finalCodewords, fittingVersion, utf8Bytes } from "./qr-codewords.js";

var ALIGNMENT = [
  null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
  [6, 30, 54], [6, 32, 58], [6, 34, 62], [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78],
  [6, 30, 56, 82], [6, 30, 58, 86], [6, 34, 62, 90],
];
var REMAINDER_BITS = [0, 0, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3];

var MASKS = [
  function (r, c) { return (r + c) % 2 === 0; },
  function (r) { return r % 2 === 0; },
  function (r, c) { return c % 3 === 0; },
  function (r, c) { return (r + c) % 3 === 0; },
  function (r, c) { return (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0; },
  function (r, c) { return ((r * c) % 2) + ((r * c) % 3) === 0; },
  function (r, c) { return (((r * c) % 2) + ((r * c) % 3)) % 2 === 0; },
  function (r, c) { return (((r + c) % 2) + ((r * c) % 3)) % 2 === 0; },
];

/* The remainder of ``value`` (shifted left by the degree) divided by ``poly`` over GF(2). */
function bchRemainder(value, poly, degree) {
  var rest = value << degree;
  for (var bit = 31 - Math.clz32(rest); bit >= degree; bit--) {
    if ((rest >>> bit) & 1) rest ^= poly << (bit - degree);
  }
  return rest;
}

function grid(size, value) {
  var rows = [];
  for (var r = 0; r < size; r++) rows.push(new Array(size).fill(value));
  return rows;
}

/* An empty symbol: ``modules`` holds the function patterns, ``reserved`` marks every module that
   is no data (function patterns, and the format and version areas filled in last). */
function skeleton(version) {
  var size = 17 + 4 * version;
  var modules = grid(size, 0);
  var reserved = grid(size, false);
  function set(r, c, dark) {
    modules[r][c] = dark ? 1 : 0;
    reserved[r][c] = true;
  }
  [[0, 0], [0, size - 7], [size - 7, 0]].forEach(function (corner) {
    for (var dr = -1; dr <= 7; dr++) {
      for (var dc = -1; dc <= 7; dc++) {
        var r = corner[0] + dr;
        var c = corner[1] + dc;
        if (r < 0 || c < 0 || r >= size || c >= size) continue;
        var ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
        set(r, c, ring !== 2 && ring !== 4);
      }
    }
  });
  for (var i = 8; i < size - 8; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  var centres = ALIGNMENT[version];
  var last = centres.length - 1;
  centres.forEach(function (row, i) {
    centres.forEach(function (col, j) {
      if ((i === 0 && (j === 0 || j === last)) || (i === last && j === 0)) return; // finders there
      for (var dr = -2; dr <= 2; dr++) {
        for (var dc = -2; dc <= 2; dc++) set(row + dr, col + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
      }
    });
  });
  for (var k = 0; k < 9; k++) {
    reserved[8][k] = reserved[k][8] = true;
    if (k < 8) reserved[8][size - 1 - k] = reserved[size - 1 - k][8] = true;
  }
  set(size - 8, 8, false); // the dark module: drawn with the format information, after the mask is chosen
  if (version >= 7) {
    for (var a = 0; a < 6; a++) {
      for (var b = 0; b < 3; b++) reserved[a][size - 11 + b] = reserved[size - 11 + b][a] = true;
    }
  }
  return { size: size, modules: modules, reserved: reserved };
}

/* The codewords' bits, most significant first, in the two-column zigzag from the bottom right. */
function placeData(symbol, codewords, version) {
  var bits = [];
  codewords.forEach(function (w) {
    for (var i = 7; i >= 0; i--) bits.push((w >>> i) & 1);
  });
  for (var x = 0; x < REMAINDER_BITS[version]; x++) bits.push(0);
  var size = symbol.size;
  var at = 0;
  var upward = true;
  for (var right = size - 1; right > 0; right -= 2) {
    if (right === 6) right = 5; // the vertical timing pattern takes a whole column
    for (var step = 0; step < size; step++) {
      var row = upward ? size - 1 - step : step;
      for (var d = 0; d < 2; d++) {
        var col = right - d;
        if (symbol.reserved[row][col]) continue;
        symbol.modules[row][col] = at < bits.length ? bits[at] : 0;
        at += 1;
      }
    }
    upward = !upward;
  }
}

function applyMask(symbol, mask) {
  var test = MASKS[mask];
  return symbol.modules.map(function (cells, r) {
    return cells.map(function (dark, c) {
      return !symbol.reserved[r][c] && test(r, c) ? dark ^ 1 : dark;
    });
  });
}

/* Format information (level M is 00) and, from version 7, version information, both copies. */
function drawInfo(modules, version, mask) {
  var size = modules.length;
  var data = (0 << 3) | mask;
  var format = ((data << 10) | bchRemainder(data, 0x537, 10)) ^ 0x5412;
  modules[size - 8][8] = 1;
  for (var i = 0; i < 15; i++) {
    var bit = (format >>> i) & 1;
    if (i < 6) modules[i][8] = bit;
    else if (i < 8) modules[i + 1][8] = bit;
    else if (i === 8) modules[8][7] = bit;
    else modules[8][14 - i] = bit;
    if (i < 8) modules[8][size - 1 - i] = bit;
    else modules[size - 15 + i][8] = bit;
  }
  if (version >= 7) {
    var info = (version << 12) | bchRemainder(version, 0x1f25, 12);
    for (var k = 0; k < 18; k++) {
      var v = (info >>> k) & 1;
      var a = Math.floor(k / 3);
      var b = size - 11 + (k % 3);
      modules[a][b] = v;
      modules[b][a] = v;
    }
  }
  return modules;
}

/* The penalty of a finished symbol (rules N1 to N4 of the standard). */
export function penalty(modules) {
  var size = modules.length;
  var score = 0;
  var dark = 0;
  function line(get) {
    var run = 1;
    var points = 0;
    for (var i = 1; i <= size; i++) {
      if (i < size && get(i) === get(i - 1)) {
        run += 1;
      } else {
        if (run >= 5) points += 3 + run - 5;
        run = 1;
      }
    }
    // 1:1:3:1:1 dark-light-dark-light-dark with four light modules before or after it; the
    // quiet zone around the symbol counts as light
    var padded = "0000";
    for (var k = 0; k < size; k++) padded += get(k);
    padded += "0000";
    // (a pattern counted is passed over whole, so one overlapping it is not counted again: as segno)
    for (var at = padded.indexOf("1011101"); at >= 0; ) {
      var counted = padded.slice(at - 4, at) === "0000" || padded.slice(at + 7, at + 11) === "0000";
      if (counted) points += 40;
      at = padded.indexOf("1011101", at + (counted ? 7 : 1));
    }
    return points;
  }
  for (var n = 0; n < size; n++) {
    score += line(function (i) { return modules[n][i]; });
    score += line(function (i) { return modules[i][n]; });
  }
  for (var r = 0; r < size; r++) {
    for (var c = 0; c < size; c++) {
      dark += modules[r][c];
      if (r + 1 < size && c + 1 < size) {
        var m = modules[r][c];
        if (m === modules[r][c + 1] && m === modules[r + 1][c] && m === modules[r + 1][c + 1]) score += 3;
      }
    }
  }
  // 10 points for each full 5 % the share of dark modules lies away from half
  score += 10 * Math.floor(Math.abs((dark * 100) / (size * size) - 50) / 5);
  return score;
}

/* The symbol of ``text``: { version, mask, modules }, or null when it does not fit version 20.
   ``options.version`` and ``options.mask`` fix them (the tests compare with segno that way). */
export function qrMatrix(text, options) {
  options = options || {};
  var bytes = utf8Bytes(text);
  var version = fittingVersion(bytes.length, options.version);
  if (!version || (options.version && version !== options.version)) return null;
  var symbol = skeleton(version);
  placeData(symbol, finalCodewords(encodeData(bytes, version), version), version);
  var masks = options.mask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [options.mask];
  var best = null;
  masks.forEach(function (mask) {
    var modules = applyMask(symbol, mask);
    // Judged before format and version information and the dark module are drawn (all light
    // then), as segno judges: the symbols then match it module for module
    var score = masks.length > 1 ? penalty(modules) : 0;
    if (!best || score < best.score) best = { version: version, mask: mask, modules: drawInfo(modules, version, mask), score: score };
  });
  return { version: best.version, mask: best.mask, modules: best.modules };
}
