/**
 * Finds user-visible literal strings in the renderer's components with the TypeScript compiler
 * API (F17: every word on screen comes from the catalogue): JSX text, string props that people
 * see or hear (label, title, placeholder, aria-label, …) and `label`/`title`/`message` fields
 * of object literals in .tsx files (navigation, figures, notifications). Also lists the keys
 * passed to `t('…')`, so a misspelt key fails too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Props whose string value reaches the user. */
const VISIBLE_PROPS = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'alt',
  'description',
  'emptyText',
  'nothingFoundMessage',
  'submitLabel',
  'confirmLabel',
  'summary',
  'message',
  'error',
  'loaderLabel',
]);

/** Object-literal fields in .tsx files whose strings are shown (NAV items, Figures rows, notifications). */
const VISIBLE_FIELDS = new Set(['label', 'title', 'message', 'description']);

export interface Literal {
  file: string;
  line: number;
  text: string;
}

/** A string people read: it holds a letter (punctuation, digits and symbols alone are not words). */
function hasWords(text: string): boolean {
  return /\p{L}/u.test(text);
}

function stringOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('');
  return null;
}

/** Strings that a JSX expression can evaluate to directly (`cond ? 'a' : 'b'`, `x ?? 'y'`). */
function visibleStrings(node: ts.Expression): string[] {
  const own = stringOf(node);
  if (own !== null) return [own];
  if (ts.isParenthesizedExpression(node)) return visibleStrings(node.expression);
  if (ts.isConditionalExpression(node)) return [...visibleStrings(node.whenTrue), ...visibleStrings(node.whenFalse)];
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)
  ) {
    return [...visibleStrings(node.left), ...visibleStrings(node.right)];
  }
  return [];
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

export function scanRenderer(root: string): { literals: Literal[]; keys: { file: string; key: string }[] } {
  const literals: Literal[] = [];
  const keys: { file: string; key: string }[] = [];
  const sourceRoot = join(root, 'renderer/src');
  const files = [...tsxFiles(sourceRoot), ...tsFiles(join(sourceRoot, 'lib'))];
  for (const path of files) {
    const file = relative(root, path);
    const source = ts.createSourceFile(
      path,
      readFileSync(path, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    const report = (node: ts.Node, text: string) => {
      if (!hasWords(text)) return;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      literals.push({ file, line: line + 1, text: text.trim() });
    };
    const isTsx = path.endsWith('.tsx');
    const visit = (node: ts.Node) => {
      if (isTsx && ts.isJsxText(node)) report(node, node.text);
      else if (isTsx && ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
        for (const text of visibleStrings(node.expression)) report(node, text);
      } else if (isTsx && ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText(source)) && node.initializer) {
        const init = node.initializer;
        if (ts.isStringLiteral(init)) report(init, init.text);
        else if (ts.isJsxExpression(init) && init.expression) {
          for (const text of visibleStrings(init.expression)) report(init, text);
        }
      } else if (isTsx && ts.isPropertyAssignment(node) && VISIBLE_FIELDS.has(node.name.getText(source))) {
        for (const text of visibleStrings(node.initializer)) report(node.initializer, text);
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(source);
        const first = node.arguments[0];
        if ((callee === 't' || callee.endsWith('.t')) && first && ts.isStringLiteral(first)) {
          keys.push({ file, key: first.text });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, keys };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.ts'))
    .map((n) => join(dir, n));
}
