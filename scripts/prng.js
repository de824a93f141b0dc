// mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). One copy for the tests
// (seeded splits and jitter, so failures reproduce), the benchmark's markdown and the soak.

/**
 * @param {number} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
