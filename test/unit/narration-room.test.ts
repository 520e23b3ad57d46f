import { describe, expect, it } from 'vitest';
import { longestTexts, narrationsOf } from '../../src/app/narration-room.ts';

describe('longestTexts', () => {
  it.each([
    { texts: [], keep: 3, want: [] },
    { texts: ['a', 'abc', 'ab'], keep: 3, want: ['abc', 'ab', 'a'] },
    { texts: ['a', 'abcd', 'ab', 'abc', 'abcde'], keep: 2, want: ['abcde', 'abcd'] },
    { texts: ['xx', 'yy', 'zz'], keep: 2, want: ['xx', 'yy'] },
    { texts: ['same', 'same', 'abc'], keep: 2, want: ['same', 'abc'] },
  ])('keeps the $keep longest distinct of $texts', ({ texts, keep, want }) => {
    expect(longestTexts(texts, keep)).toEqual(want);
  });

  it('does not modify its input', () => {
    const texts = ['b', 'aaa', 'cc'];
    longestTexts(texts, 2);
    expect(texts).toEqual(['b', 'aaa', 'cc']);
  });
});

describe('narrationsOf', () => {
  it('reads the first steps only, up to the limit', () => {
    const read: number[] = [];
    const texts = [...narrationsOf(10, (i) => (read.push(i), `step ${i}`), 4)];
    expect(texts).toEqual(['step 0', 'step 1', 'step 2', 'step 3']);
    expect(read).toEqual([0, 1, 2, 3]);
  });
});
