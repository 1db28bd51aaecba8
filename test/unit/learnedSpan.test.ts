import {
	LearnedSpans,
	MAX_SPLIT_DEPTH,
	SpanKnowledge,
	windowDays,
} from '../../nodes/WeChatOfficialAccount/learnedSpan';

/** Sizes tried, one after the other, against a real span, until the span is known: [size, answered]. */
function search(documented: number, real: number): Array<[number, boolean]> {
	const known = new SpanKnowledge();
	const tried: Array<[number, boolean]> = [];
	let size = documented;
	while (tried.length < 20) {
		const ok = size <= real;
		tried.push([size, ok]);
		if (ok) known.answered(size);
		else if (known.rejectedWindow(size) === 'exhausted') break;
		if (known.exact) break;
		size = known.planSpan(documented);
	}
	if (known.exact) expect(known.planSpan(documented)).toBe(real);
	return tried;
}

describe('SpanKnowledge', () => {
	it('plans with the documented span until WeChat rejects a window', () => {
		const known = new SpanKnowledge();
		expect(known.narrowed).toBe(false);
		expect(known.planSpan(7)).toBe(7);
		expect(known.answered(7)).toBe(false); // answers before any rejection teach nothing
		expect(known.isProbe(7)).toBe(false);
		expect(known.works).toBe(0);
	});

	it.each([
		// documented, real, sizes tried (+ answered, - rejected)
		[7, 2, '-7 -4 +2 -3'],
		[7, 3, '-7 -4 +2 +3'],
		[7, 5, '-7 +4 -6 +5'],
		[7, 6, '-7 +4 +6'],
		[7, 1, '-7 -4 -2 +1'],
		[30, 15, '-30 +15 -23 -19 -17 -16'],
		[30, 7, '-30 -15 -8 +4 +6 +7'],
		[30, 29, '-30 +15 +23 +27 +29'],
	])(
		'documented %i, real %i: a binary search between the largest answered and the smallest rejected',
		(documented, real, expected) => {
			const tried = search(documented, real)
				.map(([size, ok]) => `${ok ? '+' : '-'}${size}`)
				.join(' ');
			expect(tried).toBe(expected);
		},
	);

	it('once the span is known, planning uses it and nothing below it is a probe', () => {
		const known = new SpanKnowledge();
		known.rejectedWindow(7);
		expect(known.planSpan(7)).toBe(4);
		expect(known.isProbe(4)).toBe(true);
		known.answered(4);
		expect(known.isProbe(4)).toBe(false);
		expect(known.isProbe(5)).toBe(true);
		known.rejectedWindow(5);
		expect(known.exact).toBe(true);
		expect(known.planSpan(7)).toBe(4);
	});

	it('a window answered at or above a rejected size (sent before the rejection) changes nothing', () => {
		const known = new SpanKnowledge();
		known.rejectedWindow(7);
		expect(known.answered(7)).toBe(false);
		expect(known.answered(9)).toBe(false);
		expect(known.works).toBe(0);
		expect(known.answered(3)).toBe(true);
		expect(known.answered(2)).toBe(false);
		expect(known.works).toBe(3);
	});

	it('a rejection below the largest size answered narrows that too', () => {
		const known = new SpanKnowledge();
		known.rejectedWindow(16);
		known.answered(8);
		expect(known.rejectedWindow(6)).toBe('narrowed');
		expect([known.works, known.rejected, known.exact]).toEqual([5, 6, true]);
	});

	it(`looks no lower than 1/2^${MAX_SPLIT_DEPTH} of the first window rejected`, () => {
		const known = new SpanKnowledge();
		expect(known.rejectedWindow(30)).toBe('narrowed');
		expect(known.floor).toBe(2);
		expect(known.rejectedWindow(3)).toBe('narrowed');
		expect(known.rejectedWindow(2)).toBe('exhausted');
		expect(new SpanKnowledge().rejectedWindow(1)).toBe('exhausted');
		const week = new SpanKnowledge();
		expect(week.rejectedWindow(7)).toBe('narrowed');
		expect(week.floor).toBe(1);
	});

	it('windowDays counts begin to end, both included', () => {
		expect(windowDays({ begin: '2024-01-01', end: '2024-01-01' })).toBe(1);
		expect(windowDays({ begin: '2024-02-01', end: '2024-03-01' })).toBe(30);
	});
});

describe('LearnedSpans', () => {
	const daily = { endpoint: 'getupstreammsg', name: 'Get Daily Summary', span: 7 };

	it('keeps one knowledge per endpoint', () => {
		const spans = new LearnedSpans();
		expect(spans.of(daily)).toBe(spans.of(daily));
		expect(spans.of({ ...daily, endpoint: 'getusersummary' })).not.toBe(spans.of(daily));
	});

	it('a note per endpoint whose span turned out narrower', () => {
		const spans = new LearnedSpans();
		spans.of({ ...daily, endpoint: 'getusersummary' });
		expect(spans.notes()).toEqual([]);
		const known = spans.of(daily);
		known.rejectedWindow(7);
		expect(spans.notes()).toEqual([
			'WeChat rejected 7-day requests for Get Daily Summary (getupstreammsg) although 7 days are documented (errcode 61501): after its first rejection, this execution planned the rest with the span that worked',
		]);
		known.answered(2);
		expect(spans.notes()[0]).toMatch(
			/^WeChat rejected 7-day requests .* documented, and answered 2-day ones \(errcode/,
		);
		known.rejectedWindow(3);
		expect(spans.notes()).toEqual([
			'WeChat answers at most 2 days per request for Get Daily Summary (getupstreammsg), not the documented 7 (errcode 61501): after its first rejection, this execution planned the rest with the span that worked',
		]);
	});
});
