// An empty module on disk, inside tools/lint-rules/tsconfig.json: boundaries.test.ts lints
// probe code *as if* it were this file's text, so type-aware rules get a real program without a
// temporary file (typescript-eslint's project service only knows files that exist on disk).
export {};
