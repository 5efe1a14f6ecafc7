import { graphql } from './gql';

// The Insights pages' operations (graph/insights.graphqls); kept apart from
// operations.ts so the area stays in its own files.

export const InsightsBasisQuery = graphql(`
  query InsightsBasis {
    insightsBasis {
      timeZone
      reportingCurrency
    }
  }
`);

export const SalesFiguresFields = graphql(`
  fragment SalesFiguresFields on SalesFigures {
    revenue
    cost
    contribution
    orders
    customers
  }
`);

export const SalesBreakdownFields = graphql(`
  fragment SalesBreakdownFields on SalesBreakdown {
    currency
    total {
      ...SalesFiguresFields
    }
    groups {
      key
      figures {
        ...SalesFiguresFields
      }
    }
  }
`);

export const InsightsPerformanceQuery = graphql(`
  query InsightsPerformance($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {
    salesOverTime(period: $period, from: $from, to: $to, by: $by, top: 6) {
      currency
      periods {
        start
        figures {
          ...SalesFiguresFields
        }
      }
      series {
        key
        other
        periods {
          figures {
            revenue
          }
        }
      }
    }
    byCategory: salesBreakdown(by: CATEGORY, from: $from, to: $to) {
      ...SalesBreakdownFields
    }
    byChannel: salesBreakdown(by: CHANNEL, from: $from, to: $to) {
      ...SalesBreakdownFields
    }
    byRegion: salesBreakdown(by: REGION, from: $from, to: $to) {
      ...SalesBreakdownFields
    }
  }
`);

export const InsightsProductQuery = graphql(`
  query InsightsProduct($from: Time!, $to: Time!, $period: InsightPeriod!) {
    salesBreakdown(by: CATEGORY, from: $from, to: $to) {
      ...SalesBreakdownFields
    }
    salesOverTime(period: $period, from: $from, to: $to, by: CATEGORY, top: 6) {
      periods {
        start
      }
      series {
        key
        other
        periods {
          figures {
            orders
          }
        }
      }
    }
  }
`);

export const InsightsProfilingQuery = graphql(`
  query InsightsProfiling {
    region: customerProfile(by: REGION) {
      ...ProfileGroupFields
    }
    industry: customerProfile(by: INDUSTRY) {
      ...ProfileGroupFields
    }
    kind: customerProfile(by: KIND) {
      ...ProfileGroupFields
    }
    lifecycle: customerProfile(by: LIFECYCLE_STAGE) {
      ...ProfileGroupFields
    }
  }
  fragment ProfileGroupFields on CustomerProfileGroup {
    key
    other
    customers
    keyAccounts
  }
`);

export const InsightsProfitabilityQuery = graphql(`
  query InsightsProfitability($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {
    salesOverTime(period: $period, from: $from, to: $to) {
      currency
      periods {
        start
        figures {
          ...SalesFiguresFields
        }
      }
    }
    salesBreakdown(by: $by, from: $from, to: $to) {
      ...SalesBreakdownFields
    }
  }
`);

export const InsightsProspectingQuery = graphql(`
  query InsightsProspecting($from: Time!, $to: Time!, $period: InsightPeriod!) {
    customerCounts(period: $period, from: $from, to: $to) {
      start
      newCustomers
      firstTimeBuyers
      activeBuyers
      totalCustomers
    }
  }
`);

export const InsightsPersistencyQuery = graphql(`
  query InsightsPersistency($from: Time!, $to: Time!, $period: InsightPeriod!) {
    retention(period: $period, from: $from, to: $to) {
      start
      buyers
      retained
      churned
      rate
    }
    satisfactionTrend(period: $period, from: $from, to: $to) {
      start
      ticketsResolved
      resolvedWithinSLA
      share
    }
    communityActivity(period: $period, from: $from, to: $to) {
      start
      posts
      comments
      reactions
      activeMembers
      newMembers
    }
    loyaltyOverTime(period: $period, from: $from, to: $to) {
      outstanding
      holders
      periods {
        start
        issued
        earnedOrders
        earnedActivities
        adjustedUp
        adjustedDown
        redeemed
        reversed
        net
        earners
        redeemers
        outstanding
      }
    }
  }
`);

// Value analysis (graph/crm.graphqls): the Pareto curve and summary, the
// value tiers, their movements in the range and per period, and the RFM grid.
export const InsightsValueQuery = graphql(`
  query InsightsValue($from: Time!, $to: Time!, $period: InsightPeriod!) {
    paretoCurve(points: 20) {
      customerShare
      contributionShare
      customers
    }
    paretoSummary {
      customers
      totalContribution
      topShare
    }
    valueTierCounts {
      tier
      customers
      contribution
    }
    valueTierMovements(from: $from, to: $to) {
      from
      to
      customers
    }
    valueTiersOverTime(period: $period, from: $from, to: $to) {
      start
      tiers {
        tier
        customers
        entered
        left
      }
    }
    rfmGrid {
      recency
      frequency
      customers
      monetary
    }
  }
`);
