// ES-module face of gpu.js' browser build (a UMD script that sets globalThis.GPU): the page's
// import map points the bare specifier 'gpu.js' here, so the library's lazy
// `import('gpu.js')` works unchanged in the browser.
await new Promise((resolve, reject) => {
  if (globalThis.GPU !== undefined) return resolve();
  const script = document.createElement('script');
  script.src = '/node_modules/gpu.js/dist/gpu-browser.min.js';
  script.onload = () => resolve();
  script.onerror = () => reject(new Error('gpu.js browser build could not be loaded'));
  document.head.append(script);
});
const ns = globalThis.GPU;
export const GPU = typeof ns === 'function' ? ns : ns.GPU;
export default typeof ns === 'function' ? { GPU: ns } : ns;
