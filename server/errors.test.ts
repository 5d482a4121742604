import { expect, it } from "vitest";
import { InputError } from "./errors";

it("keeps every domain error on one line, escaping control characters that came with the input", () => {
  const error = new InputError('"\nowns.shp has no .dbf beside it\r\t\u0007');
  expect(error.message).toBe('"\\nowns.shp has no .dbf beside it\\u000d\\t\\u0007');
  expect(error.message).not.toMatch(/[\n\r]/);
});
