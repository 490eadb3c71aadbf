/**
 * Whether this browser runs WebAssembly with exception handling, which DuckDB's smaller, faster eh bundle needs.
 * Checked here rather than with DuckDB's own helper so that choosing a bundle does not load DuckDB's client code.
 * The module below is one function whose body is an empty `try … end` block: valid only where exceptions are.
 */
const TRY_BLOCK_MODULE = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00, // magic, version 1
  0x01,
  0x04,
  0x01,
  0x60,
  0x00,
  0x00, // type section: one type, () -> ()
  0x03,
  0x02,
  0x01,
  0x00, // function section: one function of type 0
  0x0a,
  0x07,
  0x01,
  0x05,
  0x00,
  0x06,
  0x40,
  0x0b,
  0x0b, // code: no locals, try (empty block type), end, end
]);

export function supportsWasmExceptions(): boolean {
  try {
    return WebAssembly.validate(TRY_BLOCK_MODULE);
  } catch {
    return false;
  }
}
