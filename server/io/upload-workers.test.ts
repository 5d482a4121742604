import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FieldError, InputError, NotFoundError } from "../errors";
import { readUpload, type UploadFile } from "./upload-reading";
import { createUploadReaders, rebuildError, reportError } from "./upload-workers";

const badDir = path.resolve(import.meta.dirname, "../../test/fixtures/bad");
let directory: string;

const uploadOf = (file: string): UploadFile => ({
  token: "t".repeat(24),
  path: file,
  fileName: path.basename(file),
  bytes: fs.statSync(file).size,
  expiresAt: new Date("2026-12-07T12:00:00Z"),
});

/** A town-like polygon of `vertices` points per feature, `features` of them: a file that takes a while and some memory to read. */
function writeGeoJson(name: string, features: number, vertices: number): string {
  const file = path.join(directory, name);
  const items = Array.from({ length: features }, (_, index) => {
    const ring = Array.from({ length: vertices }, (_, step) => {
      const angle = (2 * Math.PI * step) / vertices;
      return [-71.5 + (index % 50) * 0.01 + 0.004 * Math.cos(angle), 41.5 + Math.floor(index / 50) * 0.01 + 0.004 * Math.sin(angle)];
    });
    return { type: "Feature", properties: { NAME: `Town ${index}`, GEOID: String(4400000000 + index) }, geometry: { type: "Polygon", coordinates: [[...ring, ring[0]]] } };
  });
  fs.writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features: items }));
  return file;
}

beforeAll(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-upload-workers-"));
});

afterAll(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

describe("upload readers (worker threads)", () => {
  it("answer a preview and a commit's read exactly as the readers do on the main thread", async () => {
    const file = writeGeoJson("towns.geojson", 12, 40);
    const readers = createUploadReaders();
    try {
      const upload = uploadOf(file);
      expect(await readers.read({ read: "preview", upload })).toEqual(await readUpload({ read: "preview", upload }));
      expect(await readers.read({ read: "boundaries", upload })).toEqual(await readUpload({ read: "boundaries", upload }));
      expect(readers.running).toBe(1);
    } finally {
      await readers.close();
    }
  });

  it("refuse a broken file with the reader's own one-line InputError", async () => {
    const readers = createUploadReaders();
    try {
      const refusal = readers.read({ read: "preview", upload: uploadOf(path.join(badDir, "not-json.geojson")) });
      await expect(refusal).rejects.toBeInstanceOf(InputError);
      await expect(refusal).rejects.toThrow(/^not valid JSON/);
    } finally {
      await readers.close();
    }
  });

  it("refuse a file that needs more memory than a worker may use, and start a fresh worker for the next", async () => {
    // ~31 MB of text (800,000 vertices): the text fits, the parsed coordinates do not.
    const big = writeGeoJson("big.geojson", 100, 8000);
    const small = writeGeoJson("small.geojson", 3, 20);
    const readers = createUploadReaders({ maxHeapMb: 96 });
    try {
      await expect(readers.read({ read: "preview", upload: uploadOf(big) })).rejects.toThrow(
        "reading big.geojson needs more than the 96 MB of memory an upload may use; import it with the groundswell import command instead",
      );
      const preview = await readers.read({ read: "preview", upload: uploadOf(small) });
      expect(preview).toMatchObject({ format: "geojson", featureCount: 3 });
    } finally {
      await readers.close();
    }
    // A worker near its heap cap spends most of its time collecting garbage: 5 s on a quiet machine, 30 s on a busy one.
  }, 120_000);

  it("give up on a read that takes too long, and read the next file in a new worker", async () => {
    const slow = writeGeoJson("slow.geojson", 200, 2000);
    const small = writeGeoJson("quick.geojson", 2, 20);
    const readers = createUploadReaders({ timeoutMs: 20 });
    try {
      await expect(readers.read({ read: "boundaries", upload: uploadOf(slow) })).rejects.toThrow(
        "reading slow.geojson took over 1 s; import it with the groundswell import command instead",
      );
    } finally {
      await readers.close();
    }
    const patient = createUploadReaders({ idleMs: 50 });
    try {
      expect((await patient.read({ read: "boundaries", upload: uploadOf(small) })).features).toHaveLength(2);
      expect(patient.running).toBe(1);
      // Idle, the worker ends and gives its memory back; the next read starts another.
      await expect.poll(() => patient.running, { timeout: 5000 }).toBe(0);
      expect((await patient.read({ read: "boundaries", upload: uploadOf(small) })).features).toHaveLength(2);
    } finally {
      await patient.close();
    }
  });

  it("take reads in turn on one worker: three at once all answer, in order", async () => {
    const files = ["a", "b", "c"].map((name, index) => writeGeoJson(`${name}.geojson`, index + 1, 20));
    const readers = createUploadReaders();
    try {
      const previews = await Promise.all(files.map((file) => readers.read({ read: "preview", upload: uploadOf(file) })));
      expect(previews.map((preview) => ("featureCount" in preview ? preview.featureCount : null))).toEqual([1, 2, 3]);
      expect(readers.running).toBe(1);
    } finally {
      await readers.close();
    }
  });

  it("refuse reads once closed", async () => {
    const readers = createUploadReaders();
    await readers.close();
    await expect(readers.read({ read: "names", upload: uploadOf(path.join(badDir, "not-json.geojson")) })).rejects.toThrow(
      "the server is shutting down; try again in a few seconds",
    );
  });
});

describe("errors across the thread boundary", () => {
  it("keep their class, code, field and one-line message", () => {
    const field = rebuildError(reportError(new FieldError("kind", "{field} must be one of town, city")));
    expect(field).toBeInstanceOf(FieldError);
    expect((field as FieldError).phrase((name) => `--${name}`)).toBe("--kind must be one of town, city");
    const input = rebuildError(reportError(new InputError("the file is empty")));
    expect(input).toBeInstanceOf(InputError);
    expect(input.message).toBe("the file is empty");
    expect(rebuildError(reportError(new NotFoundError("No body with id 42")))).toMatchObject({ code: "NOT_FOUND", message: "No body with id 42" });
    const bug = rebuildError(reportError(new TypeError("x is undefined")));
    expect(bug).not.toHaveProperty("code");
    expect(bug).toMatchObject({ name: "TypeError", message: "x is undefined" });
    expect(bug.stack).toContain("upload-workers.test.ts");
  });
});
