/** An image reference split as kustomize's images transformer reads it: `name[:tag][@digest]`. */
export interface ImageReference {
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const rest = at === -1 ? image : image.slice(0, at);
  // A colon after the last slash separates the tag; one before it belongs to a registry port.
  const colon = rest.lastIndexOf(':');
  const tagged = colon > rest.lastIndexOf('/');
  return { name: tagged ? rest.slice(0, colon) : rest, ...(tagged ? { tag: rest.slice(colon + 1) } : {}), ...(digest ? { digest } : {}) };
}

export function imageName(image: string): string {
  return parseImage(image).name;
}
