import type { ImageRegistry } from './image-registry.js';

/**
 * An image registry read on its first use instead of up front. Reading registry.json and sorting its
 * images (the first `localeCompare` initialises ICU's collator) costs ~10 ms, spent by every stdio
 * start-up before its first answer although only `list_versions` and the config check use it. A file
 * that cannot be read fails the first call that needs it, with the same message `load` throws.
 */
export function deferImageRegistry(load: () => ImageRegistry): ImageRegistry {
  let registry: ImageRegistry | undefined;
  const loaded = () => (registry ??= load());
  return {
    listImages: () => loaded().listImages(),
    getImage: (name) => loaded().getImage(name),
    listVersions: (image) => loaded().listVersions(image),
    checkImageType: (type) => loaded().checkImageType(type),
    checkStackRuntime: (entry, channel) => loaded().checkStackRuntime(entry, channel),
  };
}
