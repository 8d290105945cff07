// Twelve small month tables with holidays (放假) and make-up working days (调休上班) coloured.
import { weekdayOf } from '../../format';
import type { CalendarEntry } from '../../types';
import { daysInMonth, mondayIndex, ymd } from './dates';

const HEAD = ['一', '二', '三', '四', '五', '六', '日'];

export function YearGrid({ year, entries, today, onPick }: {
  year: number;
  entries: CalendarEntry[];
  today: string;
  onPick?: (date: string) => void;
}) {
  const byDate = new Map(entries.map((e) => [e.date, e]));
  return (
    <div className="year-grid">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const first = mondayIndex(year, month, 1);
        const count = daysInMonth(year, month);
        const cells: (number | null)[] = [...Array.from({ length: first }, () => null), ...Array.from({ length: count }, (_, d) => d + 1)];
        while (cells.length % 7) cells.push(null);
        const weeks: (number | null)[][] = [];
        for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
        return (
          <div className="month" key={month}>
            <h3 className="month-title">{month} 月</h3>
            <table>
              <thead>
                <tr>
                  {HEAD.map((h) => (
                    <th key={h} scope="col" abbr={`星期${h}`}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week, wi) => (
                  <tr key={wi}>
                    {week.map((day, di) => {
                      if (day === null) return <td key={di} />;
                      const date = ymd(year, month, day);
                      const entry = byDate.get(date);
                      const weekend = di >= 5;
                      const cls = ['day'];
                      if (entry?.kind === 'OFF') cls.push('day-off');
                      else if (entry?.kind === 'WORK') cls.push('day-work');
                      else if (weekend) cls.push('day-weekend');
                      if (date === today) cls.push('day-today');
                      if (onPick) cls.push('day-pick');
                      const what = entry ? `${entry.kind === 'OFF' ? '放假' : '调休上班'}（${entry.name}）` : weekend ? '周末' : '工作日';
                      const label = `${month}月${day}日 ${weekdayOf(date)} ${what}`;
                      return (
                        <td key={di}>
                          <span className={cls.join(' ')} title={label} onClick={onPick ? () => onPick(date) : undefined} data-date={date}>
                            {day}
                          </span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
