// Starts the import worker (src/bin/import-worker.rs): wasm-bindgen's no-modules glue, then
// its wasm. A failed start (the module missing offline, say) is rethrown outside the promise,
// so it reaches the page as the Worker's `error` event and the page says so instead of waiting.
importScripts('./import-worker.js');
wasm_bindgen('./import-worker_bg.wasm').catch((e) => {
  setTimeout(() => { throw e; });
});
