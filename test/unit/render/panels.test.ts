import {expect} from '@open-wc/testing';
import {emergencyNumbers} from '../../../src/render/extras.js';

describe('emergencyNumbers', () => {
  it('one number named: that one', () => {
    expect(emergencyNumbers('Call 112 now.')).to.deep.equal(['112']);
    expect(emergencyNumbers('Ring +44 20 7946-0958 or come in.')).to.deep.equal(['+442079460958']);
  });

  it('several named: each, in order, without repeats, at most three', () => {
    expect(emergencyNumbers('Call your local emergency number (for example 911, 112 or 000). Again: 911.')).to.deep.equal(['911', '112', '000']);
    expect(emergencyNumbers('911, 999, 112, 000 or 110')).to.deep.equal(['911', '999', '112']);
  });

  it('none: no call action (years, prices and short numbers are not emergency numbers)', () => {
    expect(emergencyNumbers('In 2024 it cost 45 dollars; see page 12.')).to.deep.equal([]);
    expect(emergencyNumbers('It costs 10,000 or 2.000 euros.')).to.deep.equal([]);
    expect(emergencyNumbers('')).to.deep.equal([]);
  });
});
