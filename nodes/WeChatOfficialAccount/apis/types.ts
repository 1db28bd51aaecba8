/** The shape of one row of the API table: what the generic planning, fetching and row code reads. */
import type { LabelTable } from './labels';

export type Grain = 'day' | 'hour' | 'week' | 'month';

/**
 * How a key field is read and ordered:
 * - date: 'YYYY-MM-DD', in date order;
 * - hour: WeChat's ref_hour 0, 100, ... 2300;
 * - code: a whole number >= 0 (below `limit`), in numeric order;
 * - id: a non-empty string such as msgid "2247490098_1", in string order.
 */
export type KeyKind = 'date' | 'hour' | 'code' | 'id';

export interface KeyField {
	field: string;
	kind: KeyKind;
	/** code only: codes must be below this (default 2^31). */
	limit?: number;
}

/** A numeric code field and the readable field that names it. */
export interface EnumField {
	field: string;
	labelField: string;
	labels: LabelTable;
	/** Label of a code missing from `labels`; default "unknown (<code>)". */
	unknown?: (code: number) => string;
}

/** A list of { <count>: number, <scene>: string } turned into one field per scene (the list is kept too). */
export interface SceneFields {
	list: string;
	count: string;
	scene: string;
	/** scene name as WeChat sends it -> field name. */
	fields: Readonly<Record<string, string>>;
}

/** How a list element of WeChat's answer becomes items. Every field not named here passes through. */
export interface RowShape {
	/** A nested list: one item per element, carrying every field of its parent (the parent's win on a clash). */
	explode?: string;
	/** An object whose fields move to the top level (the object itself is dropped). */
	lift?: string;
	scenes?: SceneFields;
}

/** A field added as `minuend - subtrahend` when both are numbers. */
export interface Difference {
	field: string;
	minuend: string;
	subtrahend: string;
}

/** One of the node's operations, by the values saved in workflows. */
export interface OperationRef {
	resource: string;
	operation: string;
}

/** WeChat has taken the API offline: it answers errcode 47009 ("this api is offline, please use the new api"). */
export interface Retirement {
	/** The node's operations that give this data now, in the order a user should look at them. */
	replacements: readonly OperationRef[];
	/** What the replacements give differently, in a few plain words. */
	differences: string;
}

export interface DatacubeApi {
	/** Node parameter value of the resource: part of saved workflows, never rename. */
	resource: string;
	/** Node parameter value: part of saved workflows, never rename. */
	operation: string;
	/** Path segment after /datacube/. */
	endpoint: string;
	/** Maximum span in days, inclusive (end - begin must be less than this). */
	span: number;
	grain: Grain;
	/** First day WeChat keeps data for, when later than 2014-12-01. */
	firstDay?: string;
	/** The range selects this field's dates; for getarticletotal/getarticletotaldetail that is the publish date. */
	rangeSelects: 'data date' | 'publish date';
	/**
	 * Publish-date APIs: how many statistics days (stat_date) an article's series has, from its publish
	 * day on; the series grows by one day as each day is served.
	 */
	seriesDays?: number;
	/**
	 * Ordered key of one item: items are de-duplicated (first copy kept) and sorted by it. The first
	 * field is always ref_date, the date the range and the plan's windows select.
	 */
	key: readonly KeyField[];
	shape?: RowShape;
	/** Added with the option Add Readable Fields (besides hour/start_time for hourly and period_end for week/month APIs). */
	enums: readonly EnumField[];
	differences: readonly Difference[];
	/** What one output item is, for the descriptions and the README. */
	itemPer: string;
	/** Set when WeChat has retired the API: the node says so and names the replacements. */
	retired?: Retirement;
	name: string;
	action: string;
	description: string;
}
