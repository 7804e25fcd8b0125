// How often the browser's query cutter (web/search-engine.js) cuts a title or heading of the built
// site exactly as jieba cut it into the index. Run by tests/test_search_vocabulary.py:
//   node search_cut_agreement.cjs ENGINE INDEX  ->  JSON {agree, total, differ: [...]}
const fs = require("fs"), vm = require("vm");
globalThis.self = globalThis;
globalThis.location = { href: "http://localhost/assets/coursekit/search-worker.js?lang=zh" };
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"));
const data = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const index = self.coursekitSearchIndex(data);
let agree = 0, total = 0;
const differ = [];
for (const text of data.pages.map((p) => p[1]).concat(data.sections.map((s) => s[2]))) {
  for (const piece of text.split(/[^\u200b\p{Script=Han}]+/u)) {
    const run = piece.replace(/^\u200b+|\u200b+$/g, "");
    if (!run || !/\p{Script=Han}/u.test(run)) continue;
    const want = run.split("\u200b").filter(Boolean).join("|");
    const got = index.cut(run.replace(/\u200b/g, "")).join("|");
    total++;
    if (want === got) agree++;
    else differ.push(want + " / " + got);
  }
}
console.log(JSON.stringify({ agree, total, differ }));
