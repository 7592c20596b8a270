/** A fixed-size set of small integers (pod indices). */
export class BitSet {
  public static full(size: number): BitSet {
    const set = new BitSet(size);
    set.words.fill(0xffffffff);
    const extra = set.words.length * 32 - size;
    if (extra > 0) set.words[set.words.length - 1] >>>= extra;
    return set;
  }

  private readonly words: Uint32Array;

  public constructor(public readonly size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32));
  }

  public add(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }

  public has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  public or(other: BitSet): void {
    for (let w = 0; w < this.words.length; w++) this.words[w] |= other.words[w];
  }

  public andNot(other: BitSet): void {
    for (let w = 0; w < this.words.length; w++) this.words[w] &= ~other.words[w];
  }

  /** Calls `fn` with each member, in increasing order (faster than iterating). */
  public forEach(fn: (i: number) => void): void {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w];
      while (word !== 0) {
        const low = word & -word;
        fn(w * 32 + 31 - Math.clz32(low));
        word ^= low;
      }
    }
  }

  public *[Symbol.iterator](): IterableIterator<number> {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w];
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        yield w * 32 + bit;
        word &= word - 1;
      }
    }
  }
}
