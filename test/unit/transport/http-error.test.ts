import {expect} from '@open-wc/testing';
import {httpFailureMessage, withDetail} from '../../../src/transport/http-error.js';
import {EN} from '../../../src/i18n/strings.js';

describe('HTTP failure wording', () => {
  it("puts the server's detail after the wording, with a space in English", () => {
    const body = JSON.stringify({error: {message: 'model "x" not found'}});
    expect(httpFailureMessage(404, body, EN)).to.equal(`${EN.httpFailed(404)} model "x" not found`);
    expect(httpFailureMessage(404, '', EN)).to.equal(EN.httpFailed(404));
  });

  it('puts no space after full-width punctuation (Japanese, Chinese)', () => {
    expect(withDetail('サーバーが応答できませんでした（HTTP 500）。', 'overloaded')).to.equal('サーバーが応答できませんでした（HTTP 500）。overloaded');
    expect(withDetail('服务器无法应答（HTTP 500）', 'overloaded')).to.equal('服务器无法应答（HTTP 500）overloaded');
    expect(withDetail('Failed (HTTP 500).', 'overloaded')).to.equal('Failed (HTTP 500). overloaded');
    expect(withDetail('Failed.', '')).to.equal('Failed.');
  });
});
