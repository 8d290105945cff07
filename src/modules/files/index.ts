// Attachments: what an upload is (by content), its text, and where its bytes are kept.
export {
  ACCEPTED_TYPES_TEXT,
  classifyUpload,
  displayName,
  extensionOf,
  FILE_KINDS,
  KIND_INFO,
  mismatchMessage,
  sizeProblem,
  type FileKind,
  type UploadClassification,
  type UploadRefusalCode,
} from '../../core/files/sniff.ts';
export { extractText, EXTRACT_WARNINGS, MAX_TEXT_CHARS, MAX_UNZIPPED_BYTES, type ExtractedText, type ExtractOptions, type ExtractProblem } from './extract.ts';
export {
  BlobIntegrityError,
  BlobNotFoundError,
  blobKey,
  blobStoreFromConfig,
  isBlobKey,
  LocalBlobStore,
  S3BlobStore,
  S3Error,
  sha256Hex,
  type BlobStore,
  type BlobStoreConfig,
  type S3Options,
  type StoredBlob,
} from './blob-store.ts';
