/**
 * The codebase keeps its plan: the core's stages import one way, views never call the model,
 * files and functions stay small, and every core module has a test file at the mirrored path.
 * Read from the source with the TypeScript parser, so a break names the file and line.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CORE = join(ROOT, 'src/lib/core');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const rel = (path: string) => relative(ROOT, path);
const sourceFiles = ['src', 'scripts']
  .flatMap((d) => walk(join(ROOT, d)))
  .filter((f) => /\.(ts|svelte)$/.test(f));

/** The script of a .svelte file, or the whole .ts file, with the line it starts at. */
function scriptOf(file: string): { code: string; firstLine: number } {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.svelte')) return { code: text, firstLine: 0 };
  const match = /<script[^>]*>([\s\S]*?)<\/script>/.exec(text);
  if (!match) return { code: '', firstLine: 0 };
  return { code: match[1]!, firstLine: text.slice(0, match.index).split('\n').length - 1 };
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** Data tables may run long: each with the reason. */
const LONG_FILES: Record<string, string> = {
  'src/lib/core/serving/hardware.ts': 'the device catalog: one record per device, each sourced',
  'src/lib/core/model/presets.ts':
    'the preset list: one record per model, each sourced in preset-sources.ts',
  'src/lib/core/explorer/published-serving-data.ts':
    'the published serving runs, one record per figure, written by `npm run validation`',
  'src/lib/core/serving/track-record-data.ts':
    'the track record, one record per engine and device, written by `npm run validation`',
};

describe('file and function size', () => {
  it('no source file is over 300 lines, data tables aside', () => {
    const long = sourceFiles
      .filter((f) => !Object.hasOwn(LONG_FILES, rel(f)))
      .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 300);
    expect(long).toEqual([]);
  });

  it('no function is over 60 lines unless its comment says why (a line starting "Long:")', () => {
    const long: string[] = [];
    for (const file of sourceFiles) {
      const { code, firstLine } = scriptOf(file);
      const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
          const end = source.getLineAndCharacterOfPosition(node.end).line;
          const comments = code.slice(node.getFullStart(), node.getStart());
          if (end - start + 1 > 60 && !/\bLong:/.test(comments))
            long.push(`${rel(file)}:${firstLine + start + 1} (${end - start + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});

/** The core's stages, in the order they may import each other. */
const STAGES = [
  'model',
  'params',
  'checkpoint',
  'serving',
  'training',
  'planner',
  'explorer',
] as const;

describe('imports run one way', () => {
  const coreFiles = walk(CORE).filter((f) => f.endsWith('.ts'));

  it('every core module sits in a stage (index.ts is the one door; library.ts is it with every reader loaded)', () => {
    const outside = coreFiles
      .map((f) => relative(CORE, f))
      .filter(
        (f) => f !== 'index.ts' && f !== 'library.ts' && !STAGES.some((s) => f.startsWith(`${s}/`)),
      );
    expect(outside).toEqual([]);
  });

  it('a stage imports only from itself and the stages before it', () => {
    const wrong: string[] = [];
    for (const file of coreFiles) {
      const stage = STAGES.findIndex((s) => relative(CORE, file).startsWith(`${s}/`));
      if (stage < 0) continue;
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = relative(CORE, resolve(dirname(file), spec));
        const targetStage = STAGES.findIndex((s) => target.startsWith(`${s}/`));
        if (targetStage < 0 || targetStage > stage) wrong.push(`${rel(file)} imports ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('outside the core, code imports the core only through index.ts', () => {
    const wrong = sourceFiles
      .filter((f) => !f.startsWith(CORE))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s.includes('core/') && !s.endsWith('core/index.ts'))
          .map((s) => `${rel(f)} imports ${s}`),
      );
    expect(wrong).toEqual([]);
  });
});

/**
 * What components and charts may import from the core: formatting, the controls' data and
 * labels, catalogs to list, and types. Computing the model (counting, estimating, routing,
 * resolving) is the state's job.
 */
const VIEW_ALLOWED = new Set([
  'CONTROLS',
  'sliderBounds',
  'sliderPosition',
  'sliderValue',
  'evaluateNumber',
  'parseNumberText',
  'presets',
  'DEVICES',
  'WEIGHT_FORMATS',
  'WEIGHT_FORMAT_IDS',
  'KV_DTYPES',
  'KV_LAYOUTS',
  'CONTEXT_SEARCH_LIMIT',
  'PARAM_COMPONENTS',
  'describeDevice',
  // The host's settings: DDR speeds and channels, PCIe links (serving/host-ranges.ts).
  'DDR_SPEEDS',
  'DDR_CHANNELS',
  'PCIE_LINKS',
  // The engines, their memory-fraction and speculative-decoding ranges and defaults
  // (core/explorer/engine-settings.ts), and the parser of a ranged number field.
  'ENGINE_LABELS',
  'ENGINE_CHOICES',
  'ENGINE_RANGES',
  // The Serving panel's whole-run request fields and the benchmark run's answer lengths
  // (core/explorer/engine-settings.ts).
  'WORKLOAD_RANGES',
  'ANSWER_SPREADS',
  'ANSWER_SPREAD_LABELS',
  // The published serving runs, those of the model shown, and those a reader's words find
  // (core/explorer/published-serving.ts).
  'PUBLISHED_SERVING_RUNS',
  'publishedRunsOf',
  'filterPublishedRuns',
  'DEFAULT_SPECULATIVE',
  'parseRanged',
  // What the estimate runs with: llama.cpp and one token per step with system RAM.
  'servingEngine',
  // The Training view's fields: their ranges and the parser of a token count with T
  // (core/explorer/training-settings.ts).
  'TRAINING_RANGES',
  'parseTrainingTokens',
]);

describe('views only draw', () => {
  it('components and charts import from the core only formatters, control data, catalogs and types', () => {
    const wrong: string[] = [];
    const views = sourceFiles.filter((f) => /src\/lib\/(components|charts)\//.test(f));
    for (const file of views) {
      const { code } = scriptOf(file);
      for (const m of code.matchAll(
        /import\s+(type\s+)?\{([^}]*)\}\s+from\s+['"][^'"]*core\/index\.ts['"]/g,
      )) {
        if (m[1]) continue;
        for (const raw of m[2]!.split(',')) {
          const name = raw.trim();
          if (!name || name.startsWith('type ')) continue;
          if (!VIEW_ALLOWED.has(name) && !/^format|^plural$|^unitBytes$/.test(name))
            wrong.push(`${rel(file)} imports ${name}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('tests mirror the source', () => {
  it('every core, share and CLI module has a test file at the mirrored path', () => {
    const modules = [
      ...walk(CORE).map((f) => ['core', relative(CORE, f)] as const),
      ...walk(join(ROOT, 'src/lib/share')).map(
        (f) => ['share', relative(join(ROOT, 'src/lib/share'), f)] as const,
      ),
      ...walk(join(ROOT, 'src/cli')).map(
        (f) => ['cli', relative(join(ROOT, 'src/cli'), f)] as const,
      ),
      // Type-only modules and entry points have nothing to run.
    ].filter(([, f]) => f.endsWith('.ts') && !/(^|\/)(index|main|types)\.ts$/.test(f));
    const missing = modules
      .map(([area, f]) => join('tests/unit', area, f.replace(/\.ts$/, '.test.ts')))
      .filter((t) => !existsSync(join(ROOT, t)));
    expect(missing).toEqual([]);
  });
});
