import { maskedCrc32c } from './tfrecord.js';

/**
 * Frames one payload as a TFRecord (format in tfrecord.ts): uint64 LE length, masked CRC32C of
 * the length bytes, the payload, masked CRC32C of the payload. Used to generate test fixtures.
 */
export function encodeTfRecord(data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length + 4);
  out.writeUInt32LE(data.length >>> 0, 0);
  out.writeUInt32LE(Math.floor(data.length / 4294967296), 4);
  out.writeUInt32LE(maskedCrc32c(out.subarray(0, 8)), 8);
  out.set(data, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}
