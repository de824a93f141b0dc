// The worst cases of the benchmark (`npm run bench -- --only worst`), of the tests and of the
// reference backends' `worst=` option: answers whose shape, not size, is what costs — an unbroken
// run of characters, CJK text without spaces, a huge data URI, one enormous frame, a long table,
// a long code block, a deep list, one-character tokens. Each family comes in two or three sizes
// (the bench measures the growth exponent of the widget's busy time from the smallest to the
// largest) and is seeded, so every run and both pages get the same frames.
import {prng} from './prng.js';
import {DEFAULT_SEED, Gen} from '../bench/lib/markdown-gen.js';

/** Cuts `text` into tokens of `size` characters (the last may be shorter). */
export function chop(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${ALNUM}+/`;
/** Common Chinese characters (no spaces, no ASCII punctuation: how Chinese is written). */
const HAN = '的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域读';

/** One unbroken run of `n` characters (a hash, base64, minified code), after a short sentence. */
function run(n, seed) {
  const r = prng(seed);
  let s = '';
  while (s.length < n) s += ALNUM[Math.floor(r() * ALNUM.length)];
  return `The value is: ${s}`;
}

/** `n` characters of Chinese without a space (a comma and a full stop now and then, as written). */
function cjk(n, seed) {
  const r = prng(seed);
  let s = '';
  while (s.length < n) {
    s += HAN[Math.floor(r() * HAN.length)];
    const p = r();
    if (p < 0.04) s += '，';
    else if (p < 0.06) s += '。';
  }
  return s.slice(0, n);
}

/** A markdown link whose URL is a data URI of about `bytes` characters of base64. */
function dataUri(bytes, seed) {
  const r = prng(seed);
  let s = '';
  while (s.length < bytes) s += BASE64[Math.floor(r() * BASE64.length)];
  return `Here is the file you asked for: [report.pdf](data:application/pdf;base64,${s}) — open it to see the figures.\n\nAnything else?`;
}

/** A table of `rows` rows of four columns. */
function table(rows, seed) {
  const r = prng(seed);
  const lines = ['| # | Item | Quantity | Price |', '|---:|:---|---:|---:|'];
  for (let i = 1; i <= rows; i++) {
    lines.push(`| ${i} | item ${Math.floor(r() * 1e6).toString(36)} | ${1 + Math.floor(r() * 99)} | ${(r() * 1000).toFixed(2)} |`);
  }
  return `Here is the full list:\n\n${lines.join('\n')}\n\nThat is all of it.`;
}

/** One fenced code block of `lines` lines of JavaScript. */
function code(lines, seed) {
  const r = prng(seed);
  const names = ['value', 'items', 'node', 'buffer', 'state', 'index', 'count', 'offset', 'queue', 'result'];
  const out = [];
  for (let i = 0; i < lines; i++) {
    const a = names[Math.floor(r() * names.length)];
    const b = names[Math.floor(r() * names.length)];
    const indent = '  '.repeat(Math.floor(r() * 3));
    out.push(i % 7 === 0 ? `${indent}// step ${i}: update ${a}` : `${indent}const ${a}${i} = ${b}.map((x) => x * ${i % 13});`);
  }
  return `Here is the script:\n\n\`\`\`js\n${out.join('\n')}\n\`\`\`\n\nRun it with Node.`;
}

/** A list of `items` items nested in a repeating 1–4 level pattern, some with **bold** and `code`. */
function nestedList(items, seed) {
  const r = prng(seed);
  const out = [];
  for (let i = 0; i < items; i++) {
    const depth = i % 4;
    const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
    const w = words[Math.floor(r() * words.length)];
    const body = i % 5 === 0 ? `**${w}** step ${i}` : i % 5 === 2 ? `\`${w}()\` call ${i}` : `${w} item ${i}`;
    out.push(`${'  '.repeat(depth)}- ${body}`);
  }
  return `The plan:\n\n${out.join('\n')}\n\nDone.`;
}

/** The seeded markdown of the normal cases (the same documents, joined the same way), `chars` characters of it. */
function markdown(chars) {
  let text = '';
  for (let docs = 0; text.length < chars; docs++) text += (text ? '\n\n' : '') + new Gen(DEFAULT_SEED + docs * 7919).document();
  return text.slice(0, chars);
}

/**
 * The families, each a list of sizes (smallest first). `tokens(size)` gives the frames' contents;
 * `label(size)` the row label.
 */
export const WORST_FAMILIES = [
  {id: 'run', what: 'unbroken run, 4-char tokens', sizes: [10_000, 40_000, 160_000], unit: 'chars', tokens: (n) => chop(run(n, 11), 4)},
  {id: 'run-frame', what: 'unbroken run, one frame', sizes: [10_000, 40_000, 160_000], unit: 'chars', tokens: (n) => [run(n, 11)]},
  {id: 'big-frame', what: 'markdown in one frame', sizes: [256 * 1024, 1024 * 1024], unit: 'bytes', tokens: (n) => [markdown(n)]},
  {id: 'data-uri', what: 'data URI in a link, 4-char tokens', sizes: [50 * 1024, 200 * 1024], unit: 'bytes', tokens: (n) => chop(dataUri(n, 12), 4)},
  {id: 'cjk', what: 'Chinese without spaces, 2-char tokens', sizes: [16_000, 64_000], unit: 'chars', tokens: (n) => chop(cjk(n, 13), 2)},
  {id: 'table', what: 'table rows, 4-char tokens', sizes: [1000, 4000], unit: 'rows', tokens: (n) => chop(table(n, 14), 4)},
  {id: 'code', what: 'code block lines, 4-char tokens', sizes: [5000, 20_000], unit: 'lines', tokens: (n) => chop(code(n, 15), 4)},
  {id: 'list', what: 'nested list items, 4-char tokens', sizes: [500, 2000], unit: 'items', tokens: (n) => chop(nestedList(n, 16), 4)},
  {id: 'char-tokens', what: 'markdown, 1-char tokens', sizes: [16 * 1024, 64 * 1024], unit: 'bytes', tokens: (n) => chop(markdown(n), 1)},
];

/** The frames of family `id` at `size`, or null for an unknown family (the reference backends' `worst=`). */
export function worstTokens(id, size) {
  const family = WORST_FAMILIES.find((f) => f.id === id);
  return family ? family.tokens(size) : null;
}
