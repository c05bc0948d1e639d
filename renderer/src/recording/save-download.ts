// Hands a recording in the origin private file system to the user as a download. The File
// from OPFS is backed by the file on disk, and an object URL refers to it without copying it
// into memory, so a recording of hours downloads as one of seconds does.
export function downloadFile(file: File, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser resolves the URL when the download starts; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
