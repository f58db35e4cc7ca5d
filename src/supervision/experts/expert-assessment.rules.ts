/**
 * 评审专家监督 (issue 13): each expert's scores beside the others', with large deviations marked,
 * and an assessment per evaluation (timeliness, deviations, complaints upheld against the result)
 * that the operator reads when suspending or debarring an expert. GP-61 names inconsistent scores on
 * objective criteria and scores abnormally high or low as what may reopen a result.
 */
export interface Score {
  bidId: string;
  personId: string;
  criterion: string;
  points: number;
}

export interface ScoreCell extends Score {
  /** The median of the other members' points on the same bid and criterion; null when no one else scored it. */
  othersMedian: number | null;
  /** points − othersMedian, as a share of the criterion's weight. */
  deviation: number | null;
  flagged: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Each score against the median of the others on the same bid and criterion. A score more than
 * `threshold` of the criterion's weight away (default 20 %, a setting: the law names no figure) is flagged.
 */
export function scoreDeviations(scores: readonly Score[], weights: Record<string, number>, threshold = 0.2): ScoreCell[] {
  const byCell = new Map<string, Score[]>();
  for (const s of scores) {
    const key = `${s.bidId}|${s.criterion}`;
    byCell.set(key, [...(byCell.get(key) ?? []), s]);
  }
  return scores.map((s) => {
    const others = byCell.get(`${s.bidId}|${s.criterion}`)!.filter((o) => o.personId !== s.personId).map((o) => o.points);
    const weight = weights[s.criterion];
    if (others.length === 0 || !weight) return { ...s, othersMedian: null, deviation: null, flagged: false };
    const othersMedian = median(others);
    const deviation = Math.round(((s.points - othersMedian) / weight) * 1000) / 1000;
    return { ...s, othersMedian, deviation, flagged: Math.abs(deviation) > threshold };
  });
}

export interface ExpertAssessment {
  personId: string;
  /** Submitted by the end of the evaluation period; null when not submitted at all. */
  timely: boolean | null;
  submittedAt: string | null;
  scoresGiven: number;
  deviations: number;
  /** The largest deviation, as a share of the criterion's weight. */
  largestDeviation: number;
  /** Complaints about this result that the finance department upheld. */
  complaintsUpheld: number;
}

/** One member's record of one evaluation. */
export function assessExpert(personId: string, cells: readonly ScoreCell[], submittedAt: Date | null, evaluationEndsAt: Date, complaintsUpheld: number): ExpertAssessment {
  const own = cells.filter((c) => c.personId === personId);
  return {
    personId,
    timely: submittedAt ? submittedAt.getTime() <= evaluationEndsAt.getTime() : null,
    submittedAt: submittedAt?.toISOString() ?? null,
    scoresGiven: own.length,
    deviations: own.filter((c) => c.flagged).length,
    largestDeviation: own.reduce((m, c) => Math.max(m, Math.abs(c.deviation ?? 0)), 0),
    complaintsUpheld,
  };
}
