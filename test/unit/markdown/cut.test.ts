import {expect} from '@open-wc/testing';
import {finishCutText} from '../../../src/markdown/cut.js';
import {MARKDOWN_LIMITS} from '../../../src/markdown/markdown.js';

describe('finishCutText (a reply that ended early, made whole)', () => {
  it('closes emphasis and code spans open at the end', () => {
    expect(finishCutText('Some **bold wor')).to.equal('Some **bold wor**');
    expect(finishCutText('A *b **c')).to.equal('A *b **c***');
    expect(finishCutText('Run `npm te')).to.equal('Run `npm te`');
  });

  it('drops what only half exists: a dangling delimiter, a half link target, a syntax-only line', () => {
    expect(finishCutText('Hello **')).to.equal('Hello');
    expect(finishCutText('See [the guide](https://exa')).to.equal('See the guide');
    expect(finishCutText('Intro\n\n- one\n- two\n-')).to.equal('Intro\n\n- one\n- two');
  });

  it('drops a half-typed closing fence; an open fence stays open (it renders as a finished code block)', () => {
    expect(finishCutText('Code:\n\n```js\nlet a = 1;\n``')).to.equal('Code:\n\n```js\nlet a = 1;\n');
    expect(finishCutText('Code:\n\n```js\nlet a = **1')).to.equal('Code:\n\n```js\nlet a = **1');
  });

  it('gives a lone table header row its delimiter row', () => {
    expect(finishCutText('Prices:\n\n| Model | Price |')).to.match(/^Prices:\n\n\| Model \| Price \|\n\|/);
  });

  it('leaves a finished text, the blocks before the open one and a text over the limits as they are', () => {
    expect(finishCutText('Hello **world**.\n\nDone.')).to.equal('Hello **world**.\n\nDone.');
    expect(finishCutText('First **one\n\nSecond **two')).to.equal('First **one\n\nSecond **two**');
    const big = `${'word '.repeat(MARKDOWN_LIMITS.maxChars / 5)}**open`;
    expect(finishCutText(big)).to.equal(big);
  });
});
