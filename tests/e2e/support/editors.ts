/**
 * The editor fixture pages (tests/fixtures/editors, built by scripts/build-fixtures.mjs) and what
 * the insertion tests expect of each. Shared by the Chromium and Firefox suites.
 */
import { execFileSync } from 'node:child_process';

/** Builds the fixture pages if their sources changed (`npm test` does it too; cached, fast). */
export function buildEditorFixtures(): void {
  execFileSync(process.execPath, ['scripts/build-fixtures.mjs'], { stdio: 'inherit' });
}

export interface EditorCase {
  /** Folder of the built page: /editors/dist/<page>/. */
  page: string;
  label: string;
  /** What a click puts the caret in (for an iframe editor, the iframe). */
  click: string;
  /** A single-line input: line breaks become spaces. */
  singleLine?: boolean;
  /**
   * Changes closer together than this are one undo step in the editor (Quill: 1 s, ProseMirror
   * history: 500 ms). An agent takes longer than that to go from the page to the sidebar; the
   * test waits as long so the insertion is an undo step of its own.
   */
  undoGroupMs?: number;
}

export const EDITORS: EditorCase[] = [
  { page: 'textarea', label: 'textarea', click: '.reply-area textarea' },
  { page: 'input', label: 'input', click: '.reply-area input', singleLine: true },
  { page: 'contenteditable', label: 'plain contenteditable', click: '.reply-area .editable' },
  { page: 'tiptap', label: 'ProseMirror (tiptap)', click: '.ProseMirror', undoGroupMs: 500 },
  { page: 'draft', label: 'Draft.js', click: '.public-DraftEditor-content' },
  { page: 'lexical', label: 'Lexical', click: '[data-lexical-editor]' },
  { page: 'slate', label: 'Slate', click: '[data-slate-editor]' },
  { page: 'quill', label: 'Quill', click: '.ql-editor', undoGroupMs: 1000 },
  { page: 'ckeditor', label: 'CKEditor 5', click: '.ck-editor__editable' },
  { page: 'tinymce', label: 'TinyMCE (iframe)', click: '.tox-edit-area iframe' },
];

export const CUSTOMER = 'Nora Lindqvist';
export const OTHER_CUSTOMER = 'Tomás Ferreira';
/** Typed by the agent, who then moves the caret back before "world". */
export const TYPED = 'Hello world';
export const CARET_LEFT = 'world'.length;
/** Inserted from the sidebar's quick reply. */
export const INSERTED = 'Thanks for waiting.\nYour parcel left today.';

export function expectedAfterInsert(editor: EditorCase, next = ''): string {
  const inserted = editor.singleLine ? INSERTED.replace('\n', ' ') : INSERTED;
  return `Hello ${inserted}${next}world`;
}

export function pageUrl(origin: string, editor: EditorCase, conversation = 101): string {
  return `${origin}/editors/dist/${editor.page}/#/conversations/${conversation}`;
}

/** Test-only hooks the fixture pages expose (see tests/fixtures/editors/src/shell.ts). */
export interface FixtureWindow {
  __editorReady?: boolean;
  __editorText(): string;
  __sent: string[];
}
