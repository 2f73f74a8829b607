/**
 * The state of a list panel's editor (templates, promotions): the form open, the field errors
 * from the last publish, the notice, and publish/delete. A failed publish keeps the form as typed.
 */
import type { FieldError } from '../core/brand/validation';
import type { Translate } from '../shared/i18n';
import { deleteRecord, publishRecord, type Notice } from './publish';

export function createEditor<F>(options: {
  t: () => Translate;
  table: 'templates' | 'promotions';
  record: (form: F) => Record<string, unknown>;
  onchange: () => Promise<void>;
}) {
  let form = $state<F | null>(null);
  let errors = $state.raw<FieldError[]>([]);
  let notice = $state<Notice | null>(null);
  let busy = $state(false);

  return {
    get form() {
      return form;
    },
    get errors() {
      return errors;
    },
    get notice() {
      return notice;
    },
    get busy() {
      return busy;
    },
    open(next: F) {
      form = next;
      errors = [];
      notice = null;
    },
    close() {
      form = null;
    },
    async publish(event: SubmitEvent) {
      event.preventDefault();
      if (!form) return;
      busy = true;
      const result = await publishRecord(options.t(), options.table, options.record(form));
      busy = false;
      errors = result.errors;
      notice = result.notice;
      if (!result.published) return;
      form = null;
      await options.onchange();
    },
    async remove(record: { id: string; title: string }) {
      const t = options.t();
      if (!confirm(t('consoleConfirmDelete', { title: record.title }))) return;
      notice = await deleteRecord(t, options.table, record.id);
      await options.onchange();
    },
  };
}
