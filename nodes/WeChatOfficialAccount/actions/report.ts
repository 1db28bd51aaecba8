/**
 * Report → Get Account Report: per input item one output item with the period's follower and
 * content figures, the previous period's, the top articles and the Markdown text (report/). What
 * one item fetched, the next one reuses (one window cache per execution).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ArticleIndex } from '../articleIndex';
import { PlanError } from '../dates/PlanError';
import { ACCOUNT_REPORT, REPORT_RESOURCE, reportProperties, reportResourceOption } from '../description/report';
import { readOptions } from '../readOptions';
import { buildReport, contentCoverageNote } from '../report/build';
import { gatherSources } from '../report/gather';
import { readReportOptions } from '../report/options';
import { reportPeriods } from '../report/period';
import { toolCall } from '../tool/asTool';
import { kindToolDescriptionProperty } from '../tool/kindToolText';
import { DatacubeClient } from '../transport/DatacubeClient';
import { WindowCache } from '../windowCache';
import { Hints } from './hints';
import { failedItem } from './itemError';
import type { OperationKind } from './kind';

async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const client = new DatacubeClient(this);
	const now = Date.now();
	const signal = this.getExecutionCancelSignal?.();
	const hints = new Hints();
	const cache = new WindowCache(client);
	const articles = new ArticleIndex(cache, now);
	const tool = toolCall(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			if (operation !== ACCOUNT_REPORT) {
				throw new PlanError(
					'Operation',
					`Operation "${String(operation).slice(0, 40)}" of resource "report" is not supported`,
					'Open the node and pick an operation from the list',
				);
			}
			const dateRange = this.getNodeParameter('dateRange', itemIndex) as string;
			tool?.checkReportRange(dateRange, itemIndex);
			const custom = dateRange === 'custom';
			const periods = reportPeriods(
				{
					dateRange,
					beginDate: custom ? this.getNodeParameter('beginDate', itemIndex, '') : undefined,
					endDate: custom ? this.getNodeParameter('endDate', itemIndex, '') : undefined,
				},
				now,
			);
			tool?.checkReportPeriod(periods);
			const raw = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const { language, topN } = readReportOptions(raw);
			const fetchOptions = { ...readOptions(raw), signal };
			await client.session.credentials();
			const sources = await gatherSources(cache, articles, periods, topN, fetchOptions, now);
			const report = buildReport(periods, sources, language);
			for (const note of periods.notes) hints.add(note);
			const coverage = contentCoverageNote(periods);
			if (coverage) hints.add(coverage);
			if (report.followers.total === null) {
				hints.add(`Get Account Report: WeChat returned no total followers for ${periods.period.end} (getusercumulate)`);
			}
			const untitled = report.topArticles.filter((article) => article.title === null).map((article) => article.msgid);
			if (untitled.length > 0) {
				hints.add(
					`Get Account Report: no title for ${untitled.join(', ')}: Get Article Details lists an article only for publish days from 2025-11-01 and for 30 days after publishing`,
				);
			}
			if (sources.delayed.length > 0) {
				hints.add(
					`WeChat marks the newest figures of ${sources.delayed.join(', ')} as not final yet (is_delay): the report may change when run again later`,
				);
			}
			output.push({ json: report as unknown as IDataObject, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(failedItem(this, error, itemIndex, client.session.secrets(), signal));
		}
	}
	hints.show(this);
	return output;
}

export const report: OperationKind = {
	resources: [reportResourceOption],
	properties: [...reportProperties, kindToolDescriptionProperty(REPORT_RESOURCE, ACCOUNT_REPORT)],
	execute,
};
