import {expect} from '@open-wc/testing';
import {resolveStrings} from '../../../src/i18n/strings.js';
import {errorDetail, httpFailureMessage, withDetail} from '../../../src/transport/http-error.js';

describe('HTTP failure messages', () => {
  const strings = resolveStrings('en');

  it('keep a server explanation after the widget\'s own wording', () => {
    expect(httpFailureMessage(500, '{"error": {"message": "The model is overloaded"}}', strings)).to.equal(
      'The server could not answer (HTTP 500). The model is overloaded',
    );
    expect(httpFailureMessage(503, 'Down for maintenance until 14:00', strings)).to.equal(
      'The server could not answer (HTTP 503). Down for maintenance until 14:00',
    );
  });

  it('leave out a body that only repeats the status line (plain text, JSON or a proxy\'s)', () => {
    expect(httpFailureMessage(500, 'Internal Server Error', strings)).to.equal('The server could not answer (HTTP 500).');
    expect(httpFailureMessage(404, 'Not Found', strings)).to.equal('The server could not answer (HTTP 404).');
    expect(httpFailureMessage(404, '{"detail": "Not Found"}', strings)).to.equal('The server could not answer (HTTP 404).');
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
