// Browser-side reader of the NAS-Bench-201 table (nb201.csv, served by bananas-demo at
// /data/nb201.csv): arch string → validation and test error (%) for one dataset.

/** Columns per dataset: the objective (validation) and the reported test accuracy, in %. */
export const DATASETS = {
  cifar10: { valid: 'cifar10_valid_acc', test: 'cifar10_test_acc' },
  cifar100: { valid: 'cifar100_valid_acc', test: 'cifar100_test_acc' },
  imagenet16: { valid: 'imagenet16_valid_acc', test: 'imagenet16_test_acc' },
};

/** Parses the CSV text; throws an Error naming the line for a malformed row. */
export function parseNb201Errors(text, dataset) {
  const cols = DATASETS[dataset];
  if (cols === undefined)
    throw new Error(`unknown dataset '${dataset}'; valid: ${Object.keys(DATASETS).join(', ')}`);
  const lines = text.split('\n');
  const header = lines[0].trim().split(',');
  const at = (name) => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`nb201.csv: header lacks column '${name}'`);
    return k;
  };
  const [ka, kv, kt] = [at('arch_str'), at(cols.valid), at(cols.test)];
  const table = new Map();
  let bestTest = Infinity;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const f = line.split(',');
    const valError = 100 - Number(f[kv]);
    const testError = 100 - Number(f[kt]);
    if (!Number.isFinite(valError) || !Number.isFinite(testError))
      throw new Error(`nb201.csv:${i + 1}: non-numeric accuracy`);
    table.set(f[ka], { valError, testError });
    bestTest = Math.min(bestTest, testError);
  }
  if (table.size !== 15625)
    throw new Error(`nb201.csv: ${table.size} rows, expected 15625 (truncated download?)`);
  return { table, bestTest };
}
