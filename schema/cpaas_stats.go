package schema

// 8x8 CPaaS automation (workflow) API and account statistics (shared/specs/8x8-cpaas.md §5–§7).
// The extractor flattens the vendor's records into these fields: spelling variants
// (subaccountId/subAccountId) and the definition's id/name/version inside or beside
// "definition" are accepted, nested objects become dotted-free field names given here.

func cpaasBool(field, doc string) Column {
	return Column{Name: snake(field), Field: field, Type: Bool, Doc: doc}
}

func snapshotAt() Column {
	return Column{Name: "ccwh_snapshot_at", Field: "ccwhSnapshotAt", Type: Timestamp,
		Doc: "ccwh: when the snapshot was taken (UTC, whole minute)"}
}

// cpaasStatsTables are the CPaaS automation and account tables in the registry.
var cpaasStatsTables = []*Table{CPaaSWorkflowDefinitions, CPaaSWorkflowInstances, CPaaSWorkflowInstanceErrors,
	CPaaSAutomationUsageHistory, CPaaSAutomationUsage, CPaaSVoiceNumbers, CPaaSSMSBalance}

// CPaaSWorkflowDefinitions: every version of every active workflow definition (§5.7:
// GET …/definitions, then GET …/definitions/{id} for the version history).
var CPaaSWorkflowDefinitions = New(Table{
	Name: "cpaas_workflow_definitions", Root: "definitions", Record: "definition",
	Doc: "8x8 CPaaS automation workflow definitions, one row per definition version (version history included)",
	Columns: []Column{
		str("id", "definition id (uuid); the examples put it inside definition"),
		i64("version", "definition version (>= 1)"),
		str("name", "workflow name (definition.name)"),
		str("accountId", "account id"),
		str("subAccountId", "subaccount (spelled subaccountId in every example)"),
		lc("trigger", "inbound_sms, inbound_chat_apps or http_request"),
		lc("status", "enabled or disabled"),
		ts("createdAt", "when this version was created (UTC)"),
		i64("stepCount", "number of steps (ccwh: length of definition.steps)"),
		str("steps", "definition.steps as JSON (step types SMS, ChatAppsMessage, HttpRequest, Branch, Wait, WaitForReply, VoiceMessage, WaitForDTMF)"),
		Column{Name: "ccwh_latest", Field: "ccwhLatest", Type: Bool, Doc: "ccwh: this is the active (latest) version listed by GET …/definitions"},
	},
	OrderBy: []string{"id", "version"},
})

// CPaaSWorkflowInstances: workflow instances of every definition and version (§5.2).
var CPaaSWorkflowInstances = New(Table{
	Name: "cpaas_workflow_instances", Root: "workflows", Record: "workflow",
	Personal: map[string]PII{"payload": PIIFreeText},
	Doc:      "8x8 CPaaS automation workflow instances (every version of every definition), re-read within the overlap so that their final status lands",
	Columns: []Column{
		str("workflowId", "instance id (24-hex ObjectId in the examples)"),
		str("definitionId", "definition id"),
		i64("version", "definition version the instance runs"),
		lc("status", "Runnable, Suspended, Complete or Terminated"),
		ts("startedAt", "start time (UTC)"),
		ts("completedAt", "completion time (UTC); NULL while not completed"),
		str("accountId", "data.accountId"),
		str("subAccountId", "data.subAccountId (usually set for inbound SMS and chat apps triggers)"),
		ts("triggeredAt", "data.triggeredAt: when the trigger was raised (UTC)"),
		str("payload", "data.payload: the trigger's webhook body as JSON"),
	},
	OrderBy:     []string{"workflow_id"},
	PartitionBy: "started_at",
})

// CPaaSWorkflowInstanceErrors: errors of faulted instances (§5.4).
var CPaaSWorkflowInstanceErrors = New(Table{
	Name: "cpaas_workflow_instance_errors", Root: "errors", Record: "error",
	Personal: map[string]PII{"message": PIIFreeText},
	Doc:      "8x8 CPaaS automation errors of Terminated workflow instances (GET …/workflows/{id}/errors)",
	Columns: []Column{
		str("workflowId", "instance id"),
		str("step", "id of the step that faulted"),
		str("message", "reason for failure"),
		ts("errorTime", "when the error happened (UTC)"),
		str("definitionId", "ccwh: the instance's definition"),
	},
	OrderBy:     []string{"workflow_id", "step", "error_time"},
	PartitionBy: "error_time",
})

// CPaaSAutomationUsageHistory: executed workflows per month (§5.5, GET …/usage/history).
var CPaaSAutomationUsageHistory = New(Table{
	Name: "cpaas_automation_usage_history", Root: "usage", Record: "month",
	Doc: "8x8 CPaaS automation usage history: executed workflow count per month",
	Columns: []Column{
		str("id", "record id"),
		str("accountId", "account id"),
		i64("year", "year"),
		i64("month", "month 1–12"),
		i64("executedWorkflowCount", "workflows executed in the month"),
	},
	OrderBy: []string{"account_id", "year", "month"},
})

// CPaaSAutomationUsage: current quota and usage (§5.6, GET …/usage), one snapshot per run.
var CPaaSAutomationUsage = New(Table{
	Name: "cpaas_automation_usage", Root: "usage", Record: "usage",
	Doc: "8x8 CPaaS automation quota and current usage, one snapshot per run",
	Columns: []Column{
		str("accountId", "ccwh: the configured account id"),
		snapshotAt(),
		i64("allowedWorkflowCount", "workflows allowed per month"),
		cpaasBool("allowedOverage", "overage allowed"),
		cpaasF64("overagePrice", "price per workflow over the quota (currency not documented)"),
		i64("executedWorkflowCount", "workflows executed since the count started"),
		i64("countStartedMonth", "month the count started"),
		i64("countStartedYear", "year the count started"),
	},
	OrderBy:     []string{"account_id", "ccwh_snapshot_at"},
	PartitionBy: "ccwh_snapshot_at",
})

// CPaaSVoiceNumbers: voice virtual numbers and their health (§7.1).
var CPaaSVoiceNumbers = New(Table{
	Name: "cpaas_voice_numbers", Root: "numbers", Record: "number",
	Doc: "8x8 CPaaS voice virtual numbers of the subaccount with pricing and health (GET voice…/numbers)",
	Columns: []Column{
		str("msisdn", "number, E.164"),
		str("subAccountId", "ccwh: the configured subaccount"),
		ts("dateCreated", "when the number was assigned to the subaccount"),
		ts("dateUpdated", "last change of the number's information"),
		lc("countryCode", "two-letter country code"),
		lc("operationalStatus", "Active, Expiring or Inactive"),
		str("referenceId", "number-range id"),
		cpaasF64("rentalPrice", "recurring monthly fee"),
		cpaasF64("incomingRate", "per-minute inbound fee"),
		i64("billingUnit", "billing increment for inbound call duration (unit not documented)"),
		str("uri", "single-number URI"),
		cpaasBool("numberHealthCheckEnabled", "health checks enabled"),
		lc("billingCurrency", "currency of the prices"),
		lc("numberType", "number type"),
		cpaasBool("numberHealthIsHealthy", "numberHealth.isHealthy"),
		lc("numberHealthStatus", "numberHealth.status"),
		ts("numberHealthLastCheckedTime", "numberHealth.lastCheckedTime"),
		ts("lastUpdatedAt", "the list's lastUpdatedAt"),
	},
	OrderBy: []string{"msisdn"},
})

// CPaaSSMSBalance: prepaid SMS balance (§6.1), one snapshot per run.
var CPaaSSMSBalance = New(Table{
	Name: "cpaas_sms_balance", Root: "balance", Record: "balance",
	Doc: "8x8 CPaaS SMS prepaid balance, one snapshot per run (postpaid accounts answer 1201 and load nothing)",
	Columns: []Column{
		str("accountId", "ccwh: the configured account id"),
		snapshotAt(),
		cpaasF64("balance", "balance value"),
		lc("currency", "currency"),
	},
	OrderBy:     []string{"account_id", "ccwh_snapshot_at"},
	PartitionBy: "ccwh_snapshot_at",
})
