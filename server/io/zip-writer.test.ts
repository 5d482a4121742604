import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { readZipMembers } from "./zip-archive";
import { writeZip } from "./zip-writer";

describe("writeZip", () => {
  const files = [
    { name: "bodies.csv", bytes: Buffer.from("body_id,body_name\r\n1,Warwick\r\n".repeat(50)) },
    { name: "methodology.md", bytes: Buffer.from("# Méthode ✓\n") },
    { name: "empty.txt", bytes: new Uint8Array() },
  ];
  const zip = writeZip(files, new Date("2026-03-01T14:30:10Z"));

  it("writes an archive a standard reader opens, with every file intact (CRC checked)", async () => {
    const members = await readZipMembers(zip, (names) => names, { maxZipEntries: 10, maxUncompressedBytes: 1e6 });
    expect([...members.keys()]).toEqual(files.map((file) => file.name));
    for (const file of files) expect(Buffer.from(members.get(file.name)!).equals(Buffer.from(file.bytes))).toBe(true);
  });

  it("stamps every entry with the snapshot time", async () => {
    const dates = await new Promise<Date[]>((resolve, reject) => {
      yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
        if (error || !archive) return reject(error);
        const seen: Date[] = [];
        archive.on("entry", (entry: yauzl.Entry) => {
          seen.push(entry.getLastModDate({ timezone: "UTC" } as never));
          archive.readEntry();
        });
        archive.on("end", () => resolve(seen));
        archive.readEntry();
      });
    });
    expect(dates.map((date) => date.toISOString())).toEqual(files.map(() => "2026-03-01T14:30:10.000Z"));
  });
});
