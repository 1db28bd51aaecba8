/**
 * Bad inputs and the exact error each gets, before any request is sent. The README's
 * "Bad input" table is this list. `parameters` rows are node parameters (tested alone and as
 * item 1 of 3 with continueOnFail); `credential` rows are credential settings.
 */
const BAD_INPUTS = [
	{
		input: 'Start Date after End Date',
		parameters: { dateRange: 'custom', beginDate: '2024-03-05', endDate: '2024-03-01' },
		message: 'Start Date 2024-03-05 is after End Date 2024-03-01',
		hint: /Set Start Date on or before End Date/,
	},
	{
		input: 'Start Date 2024-02-30',
		parameters: { dateRange: 'custom', beginDate: '2024-02-30', endDate: '2024-03-01' },
		message: 'Start Date "2024-02-30" is not a real calendar date (day 30 does not exist in 2024-02)',
		hint: /YYYY-MM-DD/,
	},
	{
		input: 'End Date 2024-13-01',
		parameters: { dateRange: 'custom', beginDate: '2024-03-01', endDate: '2024-13-01' },
		message: 'End Date "2024-13-01" has month 13, which does not exist',
		hint: /YYYY-MM-DD/,
	},
	{
		input: 'Start Date "yesterday"',
		parameters: { dateRange: 'custom', beginDate: 'yesterday', endDate: '2024-03-01' },
		message: 'Start Date "yesterday" is not a date',
		hint: /choose a preset in Date Range/,
	},
	{
		input: 'an empty End Date from an expression',
		parameters: { dateRange: 'custom', beginDate: '2024-03-01', endDate: '={{ $json.missing }}' },
		message: 'End Date is empty',
		hint: /Pick a date/,
	},
	{
		input: 'a number from an expression',
		parameters: { dateRange: 'custom', beginDate: '={{ 20240301 }}', endDate: '2024-03-01' },
		message: 'Start Date must be a date, but the expression gave a number',
		hint: /Make the expression return a date/,
	},
	{
		input: 'an object from an expression',
		parameters: { dateRange: 'custom', beginDate: '2024-03-01', endDate: '={{ { day: 1 } }}' },
		message: 'End Date must be a date, but the expression gave an object',
		hint: /Make the expression return a date/,
	},
	{
		input: 'a range wholly before 2014-12-01',
		parameters: { dateRange: 'custom', beginDate: '2013-01-01', endDate: '2014-11-30' },
		message:
			'The range 2013-01-01 to 2014-11-30 ends before 2014-12-01, the first day WeChat keeps these statistics for',
		hint: /Choose dates from 2014-12-01 on/,
	},
	{
		input: 'a range starting after the latest day WeChat serves',
		parameters: { dateRange: 'custom', beginDate: '2099-01-01', endDate: '2099-01-31' },
		message:
			/^The range starts on 2099-01-01, but the latest day WeChat serves now is \d{4}-\d{2}-\d{2} \(China time\)$/,
		hint: /Choose a Start Date up to \d{4}-\d{2}-\d{2}: WeChat finishes a day's statistics by 08:00 China time/,
	},
	{
		input: 'an unknown operation from a hand-edited workflow',
		parameters: { operation: 'getYearly', dateRange: 'yesterday' },
		message: 'Operation "getYearly" of resource "messageSummary" is not supported',
		hint: /pick an operation from the list/,
	},
	{
		input: 'a Date Range left over from another operation (Last 30 Days on Get Weekly)',
		parameters: { operation: 'getWeekly', dateRange: 'last30Days' },
		message: 'Date Range "last30Days" is not offered for Get Weekly',
		hint: /Pick one of the Date Range options this operation offers: custom, lastMonth, lastWeek, sinceLastRun/,
	},
	{
		input: 'Parallel Requests 0',
		parameters: { dateRange: 'yesterday', options: { parallelRequests: 0 } },
		message: 'Parallel Requests must be a whole number from 1 to 10 (got 0)',
		hint: /Set Parallel Requests in the node's Options/,
	},
	{
		input: 'Retry Delay above the 30 s backoff cap',
		parameters: { dateRange: 'yesterday', options: { retryDelayMs: 60000 } },
		message: 'Retry Delay must be a whole number from 0 to 30000 milliseconds (got 60000)',
		hint: /Set Retry Delay in the node's Options/,
	},
	{
		input: 'Max Attempts that is not a whole number',
		parameters: { dateRange: 'yesterday', options: { maxAttempts: 2.5 } },
		message: 'Max Attempts must be a whole number from 1 to 10 (got 2.5)',
		hint: /Set Max Attempts in the node's Options/,
	},
	{
		input: 'a Base URL that is not a URL',
		credential: { baseUrl: 'api.weixin.qq.com/cgi-bin' },
		message: 'The credential\'s Base URL "api.weixin.qq.com/cgi-bin" is not a URL',
		hint: /Use https:\/\/api\.weixin\.qq\.com/,
	},
	{
		input: 'an empty AppID',
		credential: { appId: '' },
		message: "The credential's AppID is empty",
		hint: /Copy the AppID from the WeChat Developers Platform \(developers\.weixin\.qq\.com\/platform\) > My Business/,
	},
];

module.exports = { BAD_INPUTS };
