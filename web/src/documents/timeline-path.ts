// The URL of a document's timeline page: /documents/<entity>/<type>/<id>, each part encoded
// (document ids may hold "/" or spaces).
export function timelinePath(entity: string, documentType: string, documentId: string): string {
  return `/documents/${encodeURIComponent(entity)}/${encodeURIComponent(documentType)}/${encodeURIComponent(documentId)}`;
}
