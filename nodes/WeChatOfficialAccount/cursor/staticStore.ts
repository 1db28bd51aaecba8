/**
 * The fallback: the cursor in the workflow's static data, used only when n8n's deduplication store
 * cannot be used (an n8n without it, a workflow never saved, a store that fails). In queue mode
 * n8n 2.41 starts each new execution on a worker without the static data and then saves what the
 * execution wrote in place of all of it, so there this store neither carries the cursor nor keeps
 * other nodes' static data: the node says so in a warning whenever it has to use it.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { CursorState } from './register';

export const STATE_KEY = 'weChatSinceLastRun';

export class StaticCursorStore {
	constructor(
		private readonly ctx: IExecuteFunctions,
		/** `<node id>/<resource>/<operation>` */
		private readonly key: string,
	) {}

	private cursors(): IDataObject {
		return (this.ctx.getWorkflowStaticData('global')[STATE_KEY] as IDataObject | undefined) ?? {};
	}

	read(): CursorState | undefined {
		return this.cursors()[this.key] as CursorState | undefined;
	}

	write(state: CursorState): void {
		const data = this.ctx.getWorkflowStaticData('global');
		data[STATE_KEY] = { ...this.cursors(), [this.key]: { ...state } };
	}
}
