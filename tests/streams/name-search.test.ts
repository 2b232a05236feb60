import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forEachNameMatch, nameSearchText } from "@/lib/streams/name-search";

const matches = (names: string[], needle: string) => {
  const found: number[] = [];
  forEachNameMatch(nameSearchText(names), needle, (i) => found.push(i));
  return found;
};

describe("the search box's substring search over the joined names", () => {
  it("finds every name containing the needle once, in order", () => {
    expect(matches(["lobby-cam", "stage", "lobby-lobby", "radio"], "lobby")).toEqual([0, 2]);
    expect(matches(["ab", "ba"], "b\na")).toEqual([]); // never across two names
    expect(matches([], "x")).toEqual([]);
  });

  it("agrees with a plain includes() over each name, for any names and needle", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "_", "\n", "1"), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), text.filter(Boolean), (names, needle) => {
        const expected = names.flatMap((n, i) => (n.includes(needle) ? [i] : []));
        expect(matches(names, needle)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
