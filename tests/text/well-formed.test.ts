import { describe, expect, it } from "vitest";
import { clipOptional, clipText, storableJson, wellFormed } from "@/lib/text/well-formed";

const EMOJI = "😀"; // two UTF-16 units: \uD83D\uDE00

describe("text as the database keeps it", () => {
  it("replaces lone surrogates and NUL with U+FFFD and keeps everything else, pairs included", () => {
    expect(wellFormed(`a\uD83Db`)).toBe("a\uFFFDb");
    expect(wellFormed(`a\uDE00b`)).toBe("a\uFFFDb");
    expect(wellFormed(`\uDE00\uD83D`)).toBe("\uFFFD\uFFFD");
    expect(wellFormed(`x\u0000y`)).toBe("x\uFFFDy");
    expect(wellFormed(`ok ${EMOJI} \t\u0007 ünïcode`)).toBe(`ok ${EMOJI} \t\u0007 ünïcode`);
  });

  it("clips 253 × a + an emoji at 254 without leaving half of the emoji behind", () => {
    const email = `${"a".repeat(253)}${EMOJI}`;
    expect(email.slice(0, 254)).toMatch(/\uD83D$/); // what the old code stored: a lone surrogate
    expect(clipText(email, 254)).toBe("a".repeat(253));
    expect(clipText(email, 255)).toBe(email);
    expect(clipText(`${"r".repeat(499)}${EMOJI}tail`, 500, "…")).toBe(`${"r".repeat(499)}…`);
    expect(clipText("short", 500)).toBe("short");
    expect(clipOptional(undefined, 5)).toBeNull();
  });

  it("makes a JSON value exactly what jsonb stores: well-formed strings and keys, no undefined, no NUL", () => {
    const value = {
      "\uD800key": ["\uDC00", 1, null, undefined],
      nul: "a\u0000b",
      when: new Date(0),
      gone: undefined,
      n: { deep: `x${EMOJI}` },
    };
    expect(storableJson(value)).toEqual({
      "\uFFFDkey": ["\uFFFD", 1, null, null],
      nul: "a\uFFFDb",
      when: "1970-01-01T00:00:00.000Z",
      n: { deep: `x${EMOJI}` },
    });
    const proto = storableJson(JSON.parse('{"__proto__": {"x": "\\ud800"}}') as object);
    expect(Object.keys(proto)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });
});
