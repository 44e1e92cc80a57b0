// Facts for the dashboard, the roadmap and the report: the device's records read whole with getAll()
// (the fastest way Chromium offers to go over thousands of meetings), computed by the domain's rules.
import { type Monitoring, monitoringFacts } from '../../domain/monitoring-facts';
import { PROGRAMME_ID } from '../../domain/record-type-names';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';

export { dashboardOf, type Monitoring, rosterOf } from '../../domain/monitoring-facts';

export function loadMonitoring(queries: Queries, today: string): Promise<Monitoring> {
  return allOf([
    queries.pairs(),
    queries.people(),
    queries.allMeetingRecords(),
    queries.allPlans(),
    queries.allTasks(),
    queries.templates(),
    queries.allAssignments(),
    queries.allConsents(),
    queries.programme(PROGRAMME_ID),
  ]).then(([pairs, people, meetings, plans, tasks, templates, assignments, consents, programme]) =>
    queries
      .responsesTo(assignments.map((a) => a.id))
      .then((responses) =>
        monitoringFacts(
          { pairs, people, meetings, plans, tasks, templates, assignments, responses, consents, programme },
          today,
        ),
      ),
  );
}
