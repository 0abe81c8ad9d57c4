/**
 * Streaming reader of TFRecord files (the container format of TensorFlow's record files, used
 * by the official NAS-Bench-101 `nasbench_only108.tfrecord`), without TensorFlow.
 *
 * File format: a sequence of records, each
 *
 * | bytes | field |
 * | --- | --- |
 * | 8 | data length L, uint64 little-endian |
 * | 4 | masked CRC32C of the 8 length bytes, uint32 little-endian |
 * | L | data |
 * | 4 | masked CRC32C of the data, uint32 little-endian |
 *
 * where masked(crc) = ((crc >>> 15) | (crc << 17)) + 0xa282ead8 (mod 2³²) and CRC32C is the
 * Castagnoli CRC (reflected polynomial 0x82f63b78). Record schema yielded: `TfRecord`
 * `{ index, offset, data }` per record, in file order.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { DataFileError } from '../../core/errors.js';

/** One record of a TFRecord file. */
export interface TfRecord {
  /** 0-based record number. */
  index: number;
  /** Byte offset of the record's length field in the file. */
  offset: number;
  /** The payload: a view into a buffer that the next record reuses (copy it to keep it). */
  data: Buffer;
}

/** Options of `readTfRecords`. */
export interface TfRecordReadOptions {
  /** Check both CRCs of every record (default true). */
  verifyCrc?: boolean;
  /** Bytes read per system call (default 4 MiB). */
  chunkSize?: number;
}

/** Largest record accepted (a larger length field means a corrupt file), 256 MiB. */
export const TFRECORD_MAX_LENGTH = 256 * 1024 * 1024;

/**
 * Iterates over the records of `file`, reading it in chunks (memory stays at about one chunk
 * plus one record, whatever the file size).
 *
 * Throws DataFileError naming the file, the record number, its byte offset and what was
 * expected: a length CRC or data CRC mismatch, a length over `TFRECORD_MAX_LENGTH`, or a file
 * that ends inside a record (truncated). A file that ends exactly after a record is complete.
 */
export function* readTfRecords(
  file: string,
  options: TfRecordReadOptions = {},
): Generator<TfRecord> {
  const verify = options.verifyCrc ?? true;
  const source = new ChunkedFile(file, options.chunkSize ?? 4 * 1024 * 1024);
  try {
    for (let index = 0; ; index++) {
      const offset = source.position;
      const where = (what: string): string => `record ${index} at byte ${offset}: ${what}`;

      // header: length + its CRC
      const header = source.take(12);
      if (header === null) return;
      if (header.length < 12) {
        throw new DataFileError(
          file,
          undefined,
          where(`file ends after ${header.length} of the 12 header bytes (truncated)`),
        );
      }
      const lo = header.readUInt32LE(0);
      const hi = header.readUInt32LE(4);
      if (verify) {
        const expected = header.readUInt32LE(8);
        const actual = maskedCrc32c(header.subarray(0, 8));
        if (actual !== expected) {
          throw new DataFileError(
            file,
            undefined,
            where(
              `stored length CRC 0x${hex32(expected)} does not match the computed ` +
                `0x${hex32(actual)} (corrupt length field)`,
            ),
          );
        }
      }
      const length = hi * 4294967296 + lo;
      if (length > TFRECORD_MAX_LENGTH) {
        throw new DataFileError(
          file,
          undefined,
          where(`length ${length} exceeds ${TFRECORD_MAX_LENGTH} bytes (corrupt length field)`),
        );
      }

      // body: data + its CRC
      const body = source.take(length + 4);
      const got = body === null ? 0 : body.length;
      if (body === null || got < length + 4) {
        throw new DataFileError(
          file,
          undefined,
          where(`file ends after ${got} of ${length + 4} data+CRC bytes (truncated)`),
        );
      }
      const data = body.subarray(0, length);
      if (verify) {
        const expected = body.readUInt32LE(length);
        const actual = maskedCrc32c(data);
        if (actual !== expected) {
          throw new DataFileError(
            file,
            undefined,
            where(
              `stored data CRC 0x${hex32(expected)} does not match the computed ` +
                `0x${hex32(actual)} (corrupt data)`,
            ),
          );
        }
      }
      yield { index, offset, data };
    }
  } finally {
    source.close();
  }
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32C (Castagnoli) of `bytes`, unsigned 32-bit. `crc32c('123456789') = 0xe3069283`. */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = CRC32C_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  }

  return (crc ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC32C: rotate right by 15, add 0xa282ead8 (mod 2³²). */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

function hex32(x: number): string {
  return x.toString(16).padStart(8, '0');
}

/** Sequential reader over a file with one growing buffer. */
class ChunkedFile {
  private readonly fd: number;
  private buf: Buffer;
  private start = 0;
  private end = 0;
  private eof = false;
  /** File offset of `buf[start]`. */
  position = 0;

  constructor(
    readonly file: string,
    private readonly chunkSize: number,
  ) {
    try {
      this.fd = openSync(file, 'r');
    } catch (e) {
      throw new DataFileError(file, undefined, `cannot open (${(e as Error).message})`);
    }
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  /** The next `n` bytes; fewer at end of file; null when the file is exhausted before any byte. */
  take(n: number): Buffer | null {
    while (this.end - this.start < n && !this.eof) this.fill(n);
    const avail = Math.min(n, this.end - this.start);
    if (avail === 0 && n > 0) return null;
    const out = this.buf.subarray(this.start, this.start + avail);
    this.start += avail;
    this.position += avail;
    return out;
  }

  private fill(n: number): void {
    // compact or grow so that n bytes fit, then read one chunk
    const pending = this.end - this.start;
    const need = Math.max(n, this.chunkSize);
    if (this.buf.length < need || this.start > 0) {
      const next = this.buf.length < need ? Buffer.allocUnsafe(need) : this.buf;
      this.buf.copy(next, 0, this.start, this.end);
      this.buf = next;
      this.start = 0;
      this.end = pending;
    }
    const read = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
    if (read === 0) this.eof = true;
    this.end += read;
  }

  close(): void {
    closeSync(this.fd);
  }
}
