import { describe, expect, it } from 'vitest';
import { activeIndicators, indicatorCountLines } from './indicators';

describe('indicator counts', () => {
  it('lists recorded and withheld counts, most first, and leaves out indicators nobody recorded', () => {
    const lines = indicatorCountLines(
      [
        { code: 'gifts_or_money', label: 'Gifts or money', retired: false, reports: 2, suppressed: false },
        { code: 'going_missing', label: 'Going missing', retired: false, reports: 9, suppressed: false },
        { code: 'substance_misuse', label: 'Substance misuse', retired: false, reports: 0, suppressed: false },
        { code: 'exploited_peers', label: 'Association with exploited peers', retired: false, reports: null, suppressed: true },
      ],
      3,
    );
    expect(lines).toEqual([
      { label: 'Going missing', text: '9' },
      { label: 'Gifts or money', text: '2' },
      { label: 'Association with exploited peers', text: 'fewer than 3 (withheld)' },
    ]);
  });

  it('offers a new report only the indicators that are not retired', () => {
    const codes = activeIndicators([
      { code: 'going_missing', label: 'Going missing', description: null, builtIn: true, retired: false },
      { code: 'old_flag', label: 'Old flag', description: null, builtIn: false, retired: true },
    ]).map((indicator) => indicator.code);
    expect(codes).toEqual(['going_missing']);
  });
});
