/**
 * The real span of an endpoint, learned during one execution. WeChat can reject (61501) a window
 * that is within the documented span: its real span is narrower. Every answer and rejection narrows
 * what is known (the largest window answered, the smallest rejected), and the next windows are planned
 * with it: at a size between the two while they differ (one such probe at a time, a binary search),
 * at the largest size answered once they meet. Sizes are days from begin to end date, as WeChat's span
 * rule counts them (for week and month windows too). Pure: no requests, no clock.
 */
import type { DatacubeApi } from './apis/types';
import { daysBetween } from './dates/calendar';
import type { RequestWindow } from './dates/planRequests';

/** The span is looked for down to 1/2^MAX_SPLIT_DEPTH of the first window WeChat rejected; below, the range fails. */
export const MAX_SPLIT_DEPTH = 4;

/** Days from begin to end date, both included. */
export const windowDays = (window: RequestWindow): number => daysBetween(window.begin, window.end) + 1;

/** What a rejection did: narrowed the span (or was already known), or left nothing narrower to try. */
export type RejectionVerdict = 'narrowed' | 'exhausted';

export class SpanKnowledge {
	/** Largest window (days) WeChat answered since its first rejection, below `rejected`; 0 before. */
	works = 0;
	/** Smallest window (days) WeChat rejected; Infinity while none was. */
	rejected = Number.POSITIVE_INFINITY;
	/** A rejected window this small or smaller fails the range (set by the first rejection). */
	floor = 0;

	/** WeChat rejected a window within the planned span: planning no longer follows the documentation. */
	get narrowed(): boolean {
		return this.rejected !== Number.POSITIVE_INFINITY;
	}

	/** The real span is known: the largest size answered is one below the smallest rejected. */
	get exact(): boolean {
		return this.narrowed && this.works >= this.rejected - 1;
	}

	/** The span to plan windows with: the documented one, the known one, or the next size to try. */
	planSpan(documented: number): number {
		if (!this.narrowed) return documented;
		if (this.exact) return this.works;
		return Math.ceil((this.works + this.rejected) / 2);
	}

	/** A window of this size tells something new (larger than any answered): one such window at a time. */
	isProbe(days: number): boolean {
		return this.narrowed && days > this.works;
	}

	/** WeChat answered a window of `days`. True when that changed what is known. */
	answered(days: number): boolean {
		if (!this.narrowed || days <= this.works || days >= this.rejected) return false;
		this.works = days;
		return true;
	}

	/** WeChat rejected a window of `days` (61501). */
	rejectedWindow(days: number): RejectionVerdict {
		if (!this.narrowed) this.floor = Math.max(1, Math.ceil(days / 2 ** MAX_SPLIT_DEPTH));
		if (days <= this.floor) return 'exhausted';
		this.rejected = Math.min(this.rejected, days);
		this.works = Math.min(this.works, this.rejected - 1);
		return 'narrowed';
	}
}

type Endpoint = Pick<DatacubeApi, 'endpoint' | 'name' | 'span'>;

/** What one execution learned, per endpoint: later items of the same endpoint start from it. */
export class LearnedSpans {
	private readonly byEndpoint = new Map<string, { api: Endpoint; known: SpanKnowledge }>();

	of(api: Endpoint): SpanKnowledge {
		let entry = this.byEndpoint.get(api.endpoint);
		if (!entry) {
			entry = { api, known: new SpanKnowledge() };
			this.byEndpoint.set(api.endpoint, entry);
		}
		return entry.known;
	}

	/** An execution hint per endpoint whose span turned out narrower than planned. */
	notes(): string[] {
		return [...this.byEndpoint.values()]
			.filter(({ known }) => known.narrowed)
			.map(({ api, known }) => narrowedSpanNote(api, known));
	}
}

function narrowedSpanNote({ name, endpoint, span }: Endpoint, known: SpanKnowledge): string {
	const what = known.exact
		? `WeChat answers at most ${known.works} days per request for ${name} (${endpoint}), not the documented ${span}`
		: `WeChat rejected ${known.rejected}-day requests for ${name} (${endpoint}) although ${span} days are documented${known.works ? `, and answered ${known.works}-day ones` : ''}`;
	return `${what} (errcode 61501): after its first rejection, this execution planned the rest with the span that worked`;
}
