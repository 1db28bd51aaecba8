/** Runs `work` for every entry, at most `limit` at a time; results in the entries' order. */
export async function inParallel<T, R>(
	entries: readonly T[],
	limit: number,
	work: (entry: T) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array<R>(entries.length);
	let next = 0;
	const worker = async () => {
		while (next < entries.length) {
			const index = next++;
			results[index] = await work(entries[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, entries.length)) }, worker));
	return results;
}
