// Environments, episodes and snapshots speak in the foundation's types (`RandomSource`, `CRC32`,
// files and byte coding), so every module that uses GaitCore sees them too.
@_exported import GaitFoundation
