// ES-module face of gpu.js' browser build (a UMD script that defines globalThis.GPU): the
// page's import map points the bare specifier 'gpu.js' here, so the library's lazy
// `import('gpu.js')` works unchanged in the browser. Chromium already has a global `GPU` (the
// WebGPU interface), so the script is always loaded, gpu.js' class is taken from the global it
// defines, and the browser's own `GPU` is put back.
const before = Object.getOwnPropertyDescriptor(globalThis, 'GPU');
await new Promise((resolve, reject) => {
  const script = document.createElement('script');
  script.src = '/node_modules/gpu.js/dist/gpu-browser.min.js';
  script.onload = () => resolve();
  script.onerror = () => reject(new Error('gpu.js browser build could not be loaded'));
  document.head.append(script);
});
const loaded = globalThis.GPU;
if (typeof loaded !== 'function' || typeof loaded.prototype?.createKernel !== 'function') {
  throw new Error('gpu.js browser build did not define its GPU class');
}
if (before !== undefined) Object.defineProperty(globalThis, 'GPU', before);
export const GPU = loaded;
export default loaded;
