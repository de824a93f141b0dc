import {expect} from '@open-wc/testing';
import {errorDetail, withDetail} from '../../../src/transport/error-detail.js';

describe('HTTP failure details (chat-error, job)', () => {
  it('read a server explanation from the body', () => {
    expect(errorDetail('{"error": {"message": "The model is overloaded"}}')).to.equal('The model is overloaded');
    expect(errorDetail('Down for maintenance until 14:00')).to.equal('Down for maintenance until 14:00');
    expect(errorDetail(undefined)).to.equal('');
  });

  it('leave out a body that only repeats the status line (plain text, JSON or a proxy\'s)', () => {
    expect(errorDetail('Internal Server Error')).to.equal('');
    expect(errorDetail('Not Found')).to.equal('');
    expect(errorDetail('{"detail": "Not Found"}')).to.equal('');
    expect(errorDetail('502 Bad Gateway')).to.equal('');
    expect(errorDetail('service unavailable.')).to.equal('');
    expect(errorDetail('{"error": "Too Many Requests"}')).to.equal('');
    // A real explanation that merely starts like one is kept.
    expect(errorDetail('Not found: no model named "gpt-9"')).to.equal('Not found: no model named "gpt-9"');
  });

  it('put no space between full-width punctuation and the detail (Japanese, Chinese)', () => {
    expect(withDetail('サーバーが応答できませんでした（HTTP 500）。', 'overloaded')).to.equal('サーバーが応答できませんでした（HTTP 500）。overloaded');
    expect(withDetail('服务器无法应答（HTTP 500）', 'overloaded')).to.equal('服务器无法应答（HTTP 500）overloaded');
    expect(withDetail('Failed (HTTP 500).', 'overloaded')).to.equal('Failed (HTTP 500). overloaded');
    expect(withDetail('Failed.', '')).to.equal('Failed.');
  });
});
