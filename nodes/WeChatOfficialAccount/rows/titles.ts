/**
 * The option Add Title and Link of Get Article Reads and Get Article Shares: `title` and `content_url`
 * on each row, from Get Article Details (ArticleIndex) for the articles published on the row's day
 * and the 29 days before. A row whose article is not there gets null, and one hint says why.
 */
import type { IDataObject } from 'n8n-workflow';
import { PUBLISHED_CONTENT_FIRST_DAY } from '../apis';
import { addDays } from '../dates/calendar';
import type { ArticleIndex } from '../articleIndex';
import type { FetchOptions } from '../fetchWindows';

/** The endpoints whose rows carry only a msgid and can get a title. */
export const TITLED_ENDPOINTS: readonly string[] = ['getarticleread', 'getarticleshare'];

/** Adds title and content_url to every row in place; returns the hint for rows left without one, if any. */
export async function addTitles(
	rows: IDataObject[],
	index: ArticleIndex,
	options: FetchOptions,
): Promise<string | undefined> {
	const wanted = rows.map((row) => ({ msgid: String(row.msgid), day: String(row.ref_date) }));
	await index.find(wanted, options);
	let early = 0;
	let older = 0;
	rows.forEach((row, i) => {
		const info = index.get(wanted[i].msgid, wanted[i].day);
		row.title = info?.title ?? null;
		row.content_url = info?.content_url ?? null;
		if (info) return;
		if (addDays(wanted[i].day, -29) < PUBLISHED_CONTENT_FIRST_DAY) early++;
		else older++;
	});
	if (early + older === 0) return undefined;
	const reasons = [
		early > 0
			? `${early} whose article was published before ${PUBLISHED_CONTENT_FIRST_DAY} (WeChat keeps Get Article Details only from that day)`
			: '',
		older > 0
			? `${older} whose article was published more than 29 days before the row's day (Get Article Details counts an article for 30 days after publishing, so its title is not looked up)`
			: '',
	].filter(Boolean);
	return `Add Title and Link: ${early + older} of ${rows.length} rows have title and content_url null: ${reasons.join('; ')}`;
}
