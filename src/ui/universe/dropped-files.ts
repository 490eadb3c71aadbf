/**
 * The files of a drop or a folder pick, folders walked to every file inside. A dropped folder arrives as one
 * DataTransfer item whose entry must be taken during the drop event (the items are gone after it); the walk is
 * asynchronous. Hidden files (`.DS_Store`, `._x`) are left out: they are never bars.
 */
const visible = (f: File) => !f.name.startsWith('.');

/** Entries of a drop, taken synchronously inside the drop handler. */
export function dropEntries(data: DataTransfer | null): { entries: FileSystemEntry[]; files: File[] } {
  if (!data) return { entries: [], files: [] };
  const entries = Array.from(data.items, (item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  return { entries, files: Array.from(data.files) };
}

/** Every file under the dropped entries (or the dropped files when the browser gives no entries), by path. */
export async function walkDrop(drop: { entries: FileSystemEntry[]; files: File[] }): Promise<File[]> {
  if (drop.entries.length === 0) return drop.files.filter(visible);
  const out: { path: string; file: File }[] = [];
  for (const entry of drop.entries) await walk(entry, out);
  // Directory readers list in no promised order: by path, so a folder gives the same selection order every time.
  return out
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => e.file)
    .filter(visible);
}

/** Files of a folder picked with `<input webkitdirectory>`, by path, hidden ones left out. */
export function pickedFolder(list: FileList | null): File[] {
  return Array.from(list ?? [])
    .filter(visible)
    .sort((a, b) => (a.webkitRelativePath < b.webkitRelativePath ? -1 : a.webkitRelativePath > b.webkitRelativePath ? 1 : 0));
}

async function walk(entry: FileSystemEntry, out: { path: string; file: File }[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: entry.fullPath, file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}
