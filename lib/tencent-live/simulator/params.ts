import { LosslessNumber } from "lossless-json";
import { AppNameSchema, DomainNameSchema, StreamNameSchema } from "../validation";
import { CALLBACK_PARAMS } from "./callback-actions";

// Each action's documented parameters (shared/reference/tencent-live-api.md §1), checked the way API 3.0
// reports problems: an undefined name → UnknownParameter, a required one absent → MissingParameter,
// the wrong JSON type → InvalidParameter, a value out of range or format → InvalidParameterValue.

export interface ParamError {
  code: "UnknownParameter" | "MissingParameter" | "InvalidParameter" | "InvalidParameterValue";
  message: string;
}

interface StringSpec {
  type: "String";
  required?: boolean;
  oneOf?: string[];
  caseInsensitive?: boolean;
  check?: (v: string) => boolean;
}
interface IntegerSpec {
  type: "Integer";
  required?: boolean;
  min: bigint;
  max: bigint;
}
type Spec = StringSpec | IntegerSpec;
export type { Spec as ParamSpec };

const name = (schema: { safeParse(v: string): { success: boolean } }) => (v: string) => schema.safeParse(v).success;
const U64 = 18446744073709551615n;

const PARAMS: Record<string, Record<string, Spec>> = {
  ...CALLBACK_PARAMS,
  StopLiveRecord: {
    StreamName: { type: "String", required: true, check: name(StreamNameSchema) },
    TaskId: { type: "Integer", required: true, min: 1n, max: U64 },
  },
  DeleteLiveRecord: {
    StreamName: { type: "String", required: true, check: name(StreamNameSchema) },
    TaskId: { type: "Integer", required: true, min: 1n, max: U64 },
  },
  CreateLiveRecord: {
    StreamName: { type: "String", required: true, check: name(StreamNameSchema) },
    AppName: { type: "String", check: name(AppNameSchema) },
    DomainName: { type: "String", check: name(DomainNameSchema) },
    StartTime: { type: "String" },
    EndTime: { type: "String" },
    RecordType: { type: "String", oneOf: ["video", "audio"], caseInsensitive: true },
    FileFormat: { type: "String", oneOf: ["flv", "hls", "mp4", "aac", "mp3"] },
    Highlight: { type: "Integer", min: 0n, max: 1n },
    MixStream: { type: "Integer", min: 0n, max: 1n },
    StreamParam: { type: "String" },
  },
  DescribeLiveStreamOnlineList: {
    DomainName: { type: "String" },
    AppName: { type: "String" },
    PageNum: { type: "Integer", min: 1n, max: 100_000n },
    PageSize: { type: "Integer", min: 10n, max: 300_000n },
    StreamName: { type: "String" },
  },
  DescribeLiveStreamState: {
    AppName: { type: "String", required: true },
    DomainName: { type: "String", required: true },
    StreamName: { type: "String", required: true },
  },
  DescribeLiveDomains: {
    DomainStatus: { type: "Integer", min: 0n, max: 1n },
    DomainType: { type: "Integer", min: 0n, max: 1n },
    PageSize: { type: "Integer", min: 10n, max: 100n },
    PageNum: { type: "Integer", min: 1n, max: 100_000n },
    IsDelayLive: { type: "Integer", min: 0n, max: 1n },
    DomainPrefix: { type: "String" },
    PlayType: { type: "Integer", min: 1n, max: 3n },
  },
};

/** Checked parameters: Strings as strings, Integers as exact bigints. */
export type Params = Record<string, string | bigint>;

export function checkParams(
  action: string,
  body: Record<string, unknown>,
): { ok: true; params: Params } | { ok: false; error: ParamError } {
  const specs = PARAMS[action]!;
  for (const key of Object.keys(body)) {
    if (!(key in specs)) return fail("UnknownParameter", `The parameter \`${key}\` is not recognized.`);
  }
  const params: Params = {};
  for (const [key, spec] of Object.entries(specs)) {
    const v = body[key];
    if (v === undefined || v === null) {
      if (spec.required) return fail("MissingParameter", `The request is missing a required parameter \`${key}\`.`);
      continue;
    }
    if (spec.type === "String") {
      if (typeof v !== "string") return fail("InvalidParameter", `The parameter \`${key}\` must be of type String.`);
      const value = spec.caseInsensitive ? v.toLowerCase() : v;
      if (spec.required && value.trim() === "")
        return fail("InvalidParameterValue", `The value of parameter \`${key}\` must not be empty.`);
      if (spec.oneOf && !spec.oneOf.includes(value))
        return fail(
          "InvalidParameterValue",
          `The value \`${v}\` of parameter \`${key}\` is not one of ${spec.oneOf.join(", ")}.`,
        );
      if (spec.check && !spec.check(v))
        return fail("InvalidParameterValue", `The value \`${v}\` of parameter \`${key}\` is not valid.`);
      params[key] = value;
    } else {
      const text =
        typeof v === "number"
          ? Number.isInteger(v)
            ? String(v)
            : undefined
          : v instanceof LosslessNumber && /^-?\d+$/.test(v.value)
            ? v.value
            : undefined;
      if (text === undefined) return fail("InvalidParameter", `The parameter \`${key}\` must be of type Integer.`);
      const n = BigInt(text);
      if (n < spec.min || n > spec.max)
        return fail(
          "InvalidParameterValue",
          `The value \`${text}\` of parameter \`${key}\` is out of range [${spec.min}, ${spec.max}].`,
        );
      params[key] = n;
    }
  }
  return { ok: true, params };
}

function fail(code: ParamError["code"], message: string): { ok: false; error: ParamError } {
  return { ok: false, error: { code, message } };
}
