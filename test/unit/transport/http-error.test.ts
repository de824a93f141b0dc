import {expect} from '@open-wc/testing';
import {errorDetail, httpDiagnostic, withDetail} from '../../../src/transport/http-error.js';

describe('HTTP failure diagnostics (chat-error)', () => {
  it('keep a server explanation after the status', () => {
    expect(httpDiagnostic(500, '{"error": {"message": "The model is overloaded"}}')).to.equal('HTTP 500. The model is overloaded');
    expect(httpDiagnostic(503, 'Down for maintenance until 14:00')).to.equal('HTTP 503. Down for maintenance until 14:00');
    expect(httpDiagnostic(0, undefined)).to.equal('The request got no answer (network failure).');
  });

  it('leave out a body that only repeats the status line (plain text, JSON or a proxy\'s)', () => {
    expect(httpDiagnostic(500, 'Internal Server Error')).to.equal('HTTP 500.');
    expect(httpDiagnostic(404, 'Not Found')).to.equal('HTTP 404.');
    expect(httpDiagnostic(404, '{"detail": "Not Found"}')).to.equal('HTTP 404.');
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
