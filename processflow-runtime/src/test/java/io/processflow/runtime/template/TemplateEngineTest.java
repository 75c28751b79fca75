package io.processflow.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.processflow.runtime.internal.template.AirflowFilters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateEngineTest {
  private final TemplateEngine engine = TemplateEngine.defaultEngine();
  private final FakeTaskContext ctx =
      FakeTaskContext.at("2024-01-31T00:00:00Z")
          .param("table", "sales")
          .param("days", 7)
          .output("extract", List.of(1, 2, 3));

  private String render(String template) {
    return engine.render("test", template, ctx);
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "{{ ds }} => 2024-01-31",
        "{{ ds_nodash }} => 20240131",
        "{{ ts }} => 2024-01-31T00:00:00+00:00",
        "{{ ts_nodash }} => 20240131T000000",
        "{{ ts_nodash_with_tz }} => 20240131T000000+0000",
        "{{ logical_date }} => 2024-01-31 00:00:00+00:00",
        "{{ logical_date.isoformat() }} => 2024-01-31T00:00:00+00:00",
        "{{ logical_date.strftime('%d/%m/%Y %H:%M') }} => 31/01/2024 00:00",
        "{{ logical_date.year }}-{{ logical_date.month }} => 2024-1",
        "{{ data_interval_start }} => 2024-01-31 00:00:00+00:00",
        "{{ data_interval_end | ds }} => 2024-01-31",
        "{{ data_interval_end | ds_nodash }} => 20240131",
        "{{ data_interval_end | ts }} => 2024-01-31T00:00:00+00:00",
        "{{ data_interval_end | ts_nodash }} => 20240131T000000",
        "{{ data_interval_end | ts_nodash_with_tz }} => 20240131T000000+0000",
        "{{ run_id }} => manual__2024-01-31T00:00:00+00:00",
        "{{ dag.dag_id }} => etl",
        "{{ dag }} => <DAG: etl>",
        "{{ task.task_id }} => load",
        "{{ ti.task_id }}/{{ ti.dag_id }}/{{ ti.try_number }} => load/etl/1",
        "{{ ti.run_id }} => manual__2024-01-31T00:00:00+00:00",
        "{{ task_instance.task_id }} => load",
        "{{ task_instance_key_str }} => etl__load__20240131",
        "{{ params.table }} => sales",
        "{{ params['days'] + 1 }} => 8",
        "{{ dag_run.run_id }} => manual__2024-01-31T00:00:00+00:00",
        "{{ dag_run.conf.table }} => sales",
        "{{ macros.ds_add(ds, 1) }} => 2024-02-01",
        "{{ macros.ds_add('2024-03-01', -1) }} => 2024-02-29",
        "{{ macros.ds_format('2024-01-31', '%Y-%m-%d', '%d/%m/%Y') }} => 31/01/2024",
        "{{ macros.ds_format(ds_nodash, '%Y%m%d', '%b %-d, %Y') }} => Jan 31, 2024",
        "{{ ti.xcom_pull(task_ids='extract') }} => [1, 2, 3]",
        "{{ ti.xcom_pull('extract') | length }} => 3",
        "{{ ti.xcom_pull(task_ids=['extract', 'extract']) }} => [[1, 2, 3], [1, 2, 3]]",
        "{{ ti.xcom_pull(task_ids='empty', default='none') }} => none",
        "{% for k in params %}{{ k }},{% endfor %} => table,days,",
        "{{ params }} => {'table': 'sales', 'days': 7}",
      })
  void airflowNamesAndFormats(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  @Test
  @Timeout(20)
  void aValueAfterIsIsASyntaxErrorThatNamesTheTemplateAndNeverHangs() {
    // A Python habit ({% if x is 'prod' %}) once made the parser loop for ever; Jinja2 rejects it.
    for (String template :
        List.of(
            "{% if params.table is 'sales' %}y{% endif %}", "{{ 1 is 2 }}", "{{ 1 is (odd) }}")) {
      assertThatThrownBy(() -> render(template))
          .as(template)
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("test")
          .hasMessageContaining("the name of a test after 'is'");
    }
  }

  @Test
  void microsecondsAppearOnlyWhenNonZero() {
    FakeTaskContext precise = FakeTaskContext.at("2024-01-31T10:20:30.123456789Z");
    assertThat(engine.render("t", "{{ ts }} {{ ts_nodash }} {{ logical_date }}", precise))
        .isEqualTo(
            "2024-01-31T10:20:30.123456+00:00 20240131T102030 2024-01-31 10:20:30.123456+00:00");
    assertThat(engine.render("t", "{{ ts_nodash_with_tz }}", precise))
        .isEqualTo("20240131T102030.123456+0000");
  }

  @Test
  void tojsonWritesJsonWithDatesAsIsoformatAndEscapesQuotes() {
    ctx.param("note", "it's <b>");
    assertThat(render("{{ params | tojson }}"))
        .isEqualTo("{\"days\": 7, \"note\": \"it\\u0027s \\u003cb\\u003e\", \"table\": \"sales\"}");
    assertThat(render("{{ logical_date | tojson }}")).isEqualTo("\"2024-01-31T00:00:00+00:00\"");
  }

  @Test
  void shellQuoteMakesOneShellWord() {
    assertThat(AirflowFilters.shellQuote("plain.txt")).isEqualTo("plain.txt");
    assertThat(AirflowFilters.shellQuote("")).isEqualTo("''");
    assertThat(AirflowFilters.shellQuote("a b")).isEqualTo("'a b'");
    assertThat(AirflowFilters.shellQuote("it's")).isEqualTo("'it'\"'\"'s'");
    assertThat(AirflowFilters.shellQuote("$(rm -rf /)")).isEqualTo("'$(rm -rf /)'");
    assertThat(AirflowFilters.shellQuote("x; echo pwned")).isEqualTo("'x; echo pwned'");
  }

  @Test
  void shellQuoteFilterQuotesParamsAndListsWordByWord() {
    ctx.param("who", "a b").param("args", List.of("x y", "z"));
    assertThat(render("echo {{ params.who | shell_quote }} {{ params.args | shell_quote }}"))
        .isEqualTo("echo 'a b' 'x y' z");
  }

  @Test
  void methodTasksRenderThroughTheirContext() {
    assertThat(ctx.render("select * from {{ params.table }} where ds = '{{ ds }}'"))
        .isEqualTo("select * from sales where ds = '2024-01-31'");
  }

  // --- strictness ---

  @Test
  void undefinedNameFailsWithTemplateNameLineAndName() {
    assertThatThrownBy(
            () -> engine.render("load.sql", "select 1\nfrom t\nwhere x = {{ params.nope }}", ctx))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.templateName()).isEqualTo("load.sql");
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.badName()).isEqualTo("params.nope");
              assertThat(e.getMessage())
                  .contains("Template 'load.sql' line 3")
                  .contains("'params.nope' is undefined");
            });
  }

  @Test
  void undefinedTopLevelNameAndUnknownAttributeFail() {
    assertThatThrownBy(() -> render("{{ execution_date }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("'execution_date' is undefined");
    assertThatThrownBy(() -> render("{{ ti.nope }}"))
        .hasMessageContaining("'ti.nope' is undefined");
  }

  @Test
  void pendulumMethodsNameWhatIsWrongWhenTheyFail() {
    assertThatThrownBy(() -> render("{{ logical_date.in_timezone('Europe/Amsterdm') }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Invalid timezone 'Europe/Amsterdm'")
        .hasMessageContaining("IANA time zone name");
    assertThatThrownBy(() -> render("{{ logical_date.in_tz('+05:30') }}"))
        .hasMessageContaining("Invalid timezone '+05:30'");
    assertThatThrownBy(() -> render("{{ logical_date.start_of('fortnight') }}"))
        .hasMessageContaining("Invalid unit \"fortnight\" for start_of()")
        .hasMessageContaining("week, month, year");
    assertThatThrownBy(() -> render("{{ logical_date.end_of('quarter') }}"))
        .hasMessageContaining("Invalid unit \"quarter\" for end_of()");
    assertThatThrownBy(() -> render("{{ logical_date.first_of('week') }}"))
        .hasMessageContaining("Invalid unit \"week\" for first_of(): use month, quarter or year");
    assertThatThrownBy(() -> render("{{ logical_date.format('YYYY-W') }}"))
        .hasMessageContaining("format() token 'W' in 'YYYY-W' is not supported");
    assertThatThrownBy(() -> render("{{ macros.datetime(2024, 1, 31).in_timezone('UTC') }}"))
        .hasMessageContaining("has no attribute 'in_timezone'");
    assertThatThrownBy(() -> render("{{ logical_date.diff().in_days() }}"))
        .hasMessageContaining("diff() needs another of Airflow's date-times")
        .hasMessageContaining("got none");
    for (String notYet :
        List.of(
            "{{ logical_date.diff(data_interval_start).in_months() }}",
            "{{ logical_date.next() }}",
            "{{ logical_date.tz }}")) {
      assertThatThrownBy(() -> render(notYet)).as(notYet).isInstanceOf(TemplateException.class);
    }
  }

  @Test
  void aZonedDateTimeGivesItsLocalDateToAirflowsFilters() {
    assertThat(render("{{ logical_date.in_timezone('America/New_York') | ds }}"))
        .isEqualTo("2024-01-30");
    assertThat(render("{{ logical_date.in_timezone('Asia/Kolkata') | ts_nodash_with_tz }}"))
        .isEqualTo("20240131T053000+0530");
    assertThat(render("{{ logical_date.in_timezone('Europe/Amsterdam').strftime('%H:%M %Z') }}"))
        .isEqualTo("01:00 CET");
    assertThat(render("{{ logical_date.format('dddd Do MMMM YYYY [at] HH:mm') }}"))
        .isEqualTo("Wednesday 31st January 2024 at 00:00");
  }

  @Test
  void aMissingUpstreamOutputIsNoneAsInAirflow() {
    assertThat(render("{{ ti.xcom_pull(task_ids='empty') }}")).isEqualTo("None");
    assertThat(render("{{ ti.xcom_pull(task_ids='empty', default=0) }}")).isEqualTo("0");
    assertThat(render("{{ 'yes' if ti.xcom_pull(task_ids='empty') is none else 'no' }}"))
        .isEqualTo("yes");
    assertThat(render("{% if ti.xcom_pull(task_ids='empty') %}x{% else %}y{% endif %}"))
        .isEqualTo("y");
    // Jinja2: default() replaces undefined only, unless its second argument is true.
    assertThat(render("{{ ti.xcom_pull(task_ids='empty') | default('d') }}")).isEqualTo("None");
    assertThat(render("{{ ti.xcom_pull(task_ids='empty') | default('d', true) }}")).isEqualTo("d");
  }

  @Test
  void aNullParamIsNoneNotUndefined() {
    ctx.param("nothing", null);
    assertThat(render("{{ params.nothing }}")).isEqualTo("None");
    assertThat(render("{{ params.nothing is none }}")).isEqualTo("True");
    assertThat(render("{{ params | tojson }}")).contains("\"nothing\": null");
  }

  @Test
  void defaultFilterAndIsDefinedStillWork() {
    assertThat(render("{{ nope | default('x') }} {{ 'y' if nope is defined else 'n' }}"))
        .isEqualTo("x n");
  }

  @Test
  void syntaxErrorFailsWithLine() {
    assertThatThrownBy(() -> engine.render("job.sql", "a\nb\n{% if %}x{% endif %}", ctx))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.getMessage()).startsWith("Template 'job.sql' line 3: ").contains("if");
            });
  }

  @Test
  void unclosedExpressionFails() {
    assertThatThrownBy(() -> engine.render("cmd", "echo\n{{ ds ", ctx))
        .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.line()).isEqualTo(2));
  }

  @Test
  void unknownFilterFails() {
    assertThatThrownBy(() -> render("{{ ds | nofilter }}")).isInstanceOf(TemplateException.class);
  }

  /**
   * Arguments that would read other outputs than this run's (another DAG, earlier runs, a mapped
   * index) are refused, naming the argument: ignoring them read this DAG's value in silence.
   */
  @Test
  void xcomPullRefusesWhatWouldReadOtherRuns() {
    assertThatThrownBy(() -> render("{{ ti.xcom_pull(task_ids='extract', dag_id='other_dag') }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("dag_id='other_dag'")
        .hasMessageContaining("its own run of DAG");
    assertThatThrownBy(
            () -> render("{{ ti.xcom_pull(task_ids='extract', include_prior_dates=True) }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("include_prior_dates=True");
    assertThatThrownBy(() -> render("{{ ti.xcom_pull(task_ids='extract', map_indexes=2) }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("map_indexes=2");
    assertThatThrownBy(() -> render("{{ ti.xcom_pull(task_ids='extract', map_indexes=[0]) }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("map_indexes=[0]");
    // What reads this run's own outputs, as in Airflow, still does.
    String own =
        "{{ ti.xcom_pull(task_ids='extract', dag_id=dag.dag_id, map_indexes=-1,"
            + " include_prior_dates=False) }}";
    assertThat(render(own)).isEqualTo("[1, 2, 3]");
    assertThat(render("{{ ti.xcom_pull(task_ids='extract', dag_id=None, map_indexes=None) }}"))
        .isEqualTo("[1, 2, 3]");
  }

  /**
   * Airflow's dag_run.conf is what the run was triggered with: {} for scheduled and backfill runs,
   * whatever params the DAG declares ({% if dag_run.conf %} tells a manual override apart).
   */
  @Test
  void dagRunConfOfAScheduledOrBackfillRunIsEmpty() {
    for (String type : List.of("scheduled", "backfill")) {
      FakeTaskContext run = FakeTaskContext.at("2024-01-31T00:00:00Z").param("table", "orders");
      run.runType(type);
      assertThat(run.render("{{ dag_run.conf }}")).isEqualTo("{}");
      assertThat(run.render("{{ dag_run.conf.get('table', params.table ~ '_default') }}"))
          .isEqualTo("orders_default");
      assertThat(run.render("{% if dag_run.conf %}override{% else %}none{% endif %}"))
          .isEqualTo("none");
      assertThat(run.render("{{ dag_run.conf | length }} {{ params.table }}"))
          .isEqualTo("0 orders");
    }
    FakeTaskContext manual = FakeTaskContext.at("2024-01-31T00:00:00Z").param("table", "sales");
    assertThat(manual.render("{{ dag_run.conf }}")).isEqualTo("{'table': 'sales'}");
  }

  @Test
  void xcomPullOfUnknownTaskFails() {
    assertThatThrownBy(() -> render("{{ ti.xcom_pull(task_ids='nope') }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void outputIsBounded() {
    TemplateEngine small = TemplateEngine.builder().maxOutputSize(100).build();
    assertThatThrownBy(() -> small.render("big", "{% for i in range(1000) %}abc{% endfor %}", ctx))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("maxOutputSize");
  }

  // --- None ---

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "{{ None }} {{ none }} => None None",
        "{{ None is none }} {{ none is none }} => True True",
        "{{ None == None }} {{ None == none }} {{ None != none }} => True True False",
        "{{ params.nothing == None }} {{ params.nothing == none }} {{ None == params.nothing }} => True True True",
        "{{ params.nothing != None }} {{ params.nothing != none }} => False False",
        "{{ params.table == None }} {{ params.table != None }} => False True",
        "{{ params.days == None }} {{ params.days != none }} => False True",
        "{{ 0 == None }} {{ false == None }} {{ '' == None }} {{ 'None' == None }} => False False False False",
        "{{ [] == None }} {{ {} != None }} => False True",
        "{{ ti.xcom_pull(task_ids='empty') == None }} => True",
        "{% if params.nothing == None %}y{% else %}n{% endif %} => y",
        "{% if params.table != none %}y{% else %}n{% endif %} => y",
        "{% if params.nothing != None %}y{% else %}n{% endif %} => n",
        "{% set x = None %}{{ x }} {{ x is none }} {{ x == None }} {{ x is defined }} => None True True True",
        "{{ 'n' if None else 'f' }} => f",
        "{{ [1, None] }} {{ {'k': none} | tojson }} => [1, None] {\"k\": null}",
        "{{ ti.xcom_pull(task_ids='empty', default=None) }} => None",
        "{{ None | tojson }} {{ [None] | first == None }} => null True",
        "{% macro m(x=None) %}{{ x is none }}{% endmacro %}{{ m() }} {{ m(1) }} => True False",
        "{{ 1 == 1 }} {{ 2 == 2.0 }} {{ 'a' != 'b' }} {{ params.days == 7 }} => True True True True",
      })
  void noneIsALiteralAndEqualsOnlyNone(String template, String expected) {
    ctx.param("nothing", null);
    assertThat(render(template)).isEqualTo(expected);
  }

  @Test
  void comparingAnUndefinedNameWithNoneStillFailsNamingIt() {
    assertThatThrownBy(() -> engine.render("check.sql", "select 1\n{{ params.nope == None }}", ctx))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.badName()).isEqualTo("params.nope");
              assertThat(e.getMessage()).contains("'params.nope' is undefined");
            });
    assertThatThrownBy(() -> render("{% if none != nope %}x{% endif %}"))
        .hasMessageContaining("'nope' is undefined");
    assertThatThrownBy(() -> render("{{ ti.xcom_pull(task_ids='extract').nope != None }}"))
        .hasMessageContaining("'ti.xcom_pull(...).nope' is undefined");
    assertThatThrownBy(() -> render("{{ None == params['no' ~ 'pe'] }}"))
        .hasMessageContaining("'params['no' ~ 'pe']' is undefined");
    assertThatThrownBy(() -> render("{{ {'a': 1}.b == None }}"))
        .hasMessageContaining("'(...).b' is undefined");
    assertThatThrownBy(() -> render("{{ Nonee }}")).hasMessageContaining("'Nonee' is undefined");
  }

  @Test
  void nullsInsideParamsAreNone() {
    ctx.param(
            "filter",
            mapOf("region", null, "tags", Arrays.asList("a", null), "owner", mapOf("x", null)))
        .param("rows", List.of(mapOf("id", 1, "note", null)));
    assertThat(render("{{ params.filter.region }} {{ params.filter['region'] }}"))
        .isEqualTo("None None");
    assertThat(render("{{ params.filter.region is none }} {{ params.filter.region == None }}"))
        .isEqualTo("True True");
    assertThat(render("{% if params.filter.region %}y{% else %}n{% endif %}")).isEqualTo("n");
    assertThat(render("{{ params.filter.tags[1] is none }} {{ params.filter.owner.x == none }}"))
        .isEqualTo("True True");
    assertThat(render("{{ params.rows[0].note is none }} {{ params.rows[0]['note'] != None }}"))
        .isEqualTo("True False");
    assertThat(render("{% for v in params.filter.tags %}{{ v }},{% endfor %}"))
        .isEqualTo("a,None,");
    assertThat(render("{% for k, v in params.filter.items() %}{{ k }}={{ v }};{% endfor %}"))
        .isEqualTo("region=None;tags=['a', None];owner={'x': None};");
    assertThat(render("{{ params.filter.tags }} {{ params.filter.tags | join('/') }}"))
        .isEqualTo("['a', None] a/None");
    assertThat(render("{{ params.filter | tojson }}"))
        .isEqualTo("{\"owner\": {\"x\": null}, \"region\": null, \"tags\": [\"a\", null]}");
    assertThat(render("{{ dag_run.conf.filter.region }}")).isEqualTo("None");
    assertThat(render("{{ params.filter.get('nope') }}")).isEqualTo("None");
    // A key or an index that is not there is still undefined.
    assertThatThrownBy(() -> render("{{ params.filter.nope }}"))
        .hasMessageContaining("'params.filter.nope' is undefined");
    assertThatThrownBy(() -> render("{{ params.filter.owner.nope == None }}"))
        .hasMessageContaining("'params.filter.owner.nope' is undefined");
    assertThatThrownBy(() -> render("{{ params.filter.tags[5] }}"))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void nullsInsideOutputsAreNone() {
    ctx.output("row", mapOf("name", "x", "comment", null))
        .output("record", new Row("x", null, Arrays.asList(null, 1)))
        .output("rows", List.of(mapOf("id", 1, "comment", null)));
    assertThat(
            render(
                "{{ ti.xcom_pull(task_ids='row').comment }} {{ ti.xcom_pull('row')['comment'] is none }}"))
        .isEqualTo("None True");
    assertThat(render("{{ ti.xcom_pull(task_ids='row') }}"))
        .isEqualTo("{'name': 'x', 'comment': None}");
    assertThat(render("{{ ti.xcom_pull(task_ids='row') | tojson }}"))
        .isEqualTo("{\"comment\": null, \"name\": \"x\"}");
    assertThat(render("{{ ti.xcom_pull(task_ids='record').comment() }}")).isEqualTo("None");
    assertThat(render("{{ ti.xcom_pull(task_ids='record').comment() == None }}")).isEqualTo("True");
    assertThat(render("{% if ti.xcom_pull(task_ids='record').comment() %}y{% else %}n{% endif %}"))
        .isEqualTo("n");
    assertThat(
            render(
                "{% for t in ti.xcom_pull(task_ids='record').tags() %}{{ t is none }},{% endfor %}"))
        .isEqualTo("True,False,");
    assertThat(render("{{ ti.xcom_pull(task_ids='record') | tojson }}"))
        .isEqualTo("{\"comment\": null, \"name\": \"x\", \"tags\": [null, 1]}");
    assertThat(
            render(
                "{% for r in ti.xcom_pull(task_ids='rows') %}{{ r.id }}:{{ r.comment }}{% endfor %}"))
        .isEqualTo("1:None");
    assertThat(render("{{ ti.xcom_pull(task_ids=['row', 'empty'])[0].comment }}"))
        .isEqualTo("None");
  }

  @Test
  void nestedValuesAreViewedNotCopied() {
    AtomicInteger reads = new AtomicInteger();
    List<Object> big =
        new AbstractList<>() {
          @Override
          public Object get(int index) {
            reads.incrementAndGet();
            return index % 2 == 0 ? null : index;
          }

          @Override
          public int size() {
            return 1_000_000;
          }
        };
    ctx.param("big", big).output("big", mapOf("rows", big));
    assertThat(
            render(
                "{{ params.big[2] }} {{ params.big[3] }} {{ ti.xcom_pull('big').rows[4] is none }}"))
        .isEqualTo("None 3 True");
    assertThat(reads).hasValue(3);
  }

  @Test
  void collectionsMadeByTheTemplateStayMutable() {
    assertThat(
            render(
                "{% set d = {'a': [1]} %}{% do d.a.append(None) %}{% do d.update({'k': none}) %}{{ d }}"))
        .isEqualTo("{'a': [1, None], 'k': None}");
  }

  /** A row an upstream task returns. */
  public record Row(String name, String comment, List<Object> tags) {}

  /** A map that may hold nulls, in order. */
  private static Map<String, Object> mapOf(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  // --- safety ---

  @Test
  void paramsAndUpstreamOutputsAreNeverRenderedAgain() {
    ctx.param("evil", "{{ ds }}{% for i in range(3) %}x{% endfor %}").output("up", "{{ run_id }}");
    assertThat(render("{{ params.evil }}"))
        .isEqualTo("{{ ds }}{% for i in range(3) %}x{% endfor %}");
    assertThat(render("{{ ti.xcom_pull(task_ids='up') }}")).isEqualTo("{{ run_id }}");
    assertThat(render("{{ params.evil | shell_quote }}"))
        .isEqualTo("'{{ ds }}{% for i in range(3) %}x{% endfor %}'");
    assertThat(
            engine.renderValue(
                "f", Map.of("k", List.of("{{ params.evil }}")), AirflowContext.of(ctx), Set.of()))
        .isEqualTo(Map.of("k", List.of("{{ ds }}{% for i in range(3) %}x{% endfor %}")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{ ''.getClass() }}",
        "{{ ''.class }}",
        "{{ ''.getClass().forName('java.lang.Runtime') }}",
        "{{ params.getClass().forName('java.lang.Runtime').getRuntime().exec('touch /tmp/pwned') }}",
        "{{ ti.class.classLoader }}",
        "{{ logical_date.getClass() }}",
        "{{ macros.getClass().getClassLoader() }}",
        "{% set c = ds.getClass() %}{{ c.forName('java.lang.System').exit(1) }}",
        "{{ dag.__class__ }}",
      })
  void templatesCannotReachReflection(String template) {
    assertThatThrownBy(() -> render(template)).isInstanceOf(TemplateException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/etc/passwd", "../../../../../../etc/passwd", "sub/../../x.sql", "..\\x.sql"})
  void includesCannotLeaveTheSearchPath(String path, @TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("ok.sql"), "ok");
    TemplateEngine sandboxed = TemplateEngine.builder().searchPath(dir.resolve("sub")).build();
    Files.createDirectories(dir.resolve("sub"));
    assertThatThrownBy(() -> sandboxed.render("t", "{% include '" + path + "' %}", ctx))
        .isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> sandboxed.load(path)).isInstanceOf(TemplateException.class);
  }

  // --- files and nested values ---

  @Test
  void templateFilesLoadFromTheSearchPathThenTheClasspath(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("query.sql"), "select *\nfrom {{ params.table }}\n{% include 'footer.sql' %}");
    TemplateEngine withDir = TemplateEngine.builder().searchPath(dir).build();
    assertThat(withDir.renderFile("query.sql", AirflowContext.of(ctx)))
        .isEqualTo("select *\nfrom sales\n-- run manual__2024-01-31T00:00:00+00:00");
  }

  /**
   * As Python's zoneinfo prints them (checked with /usr/bin/python3): an offset with seconds keeps
   * them in %z, and before a zone's first transition %Z is its first standard time (LMT). Not in
   * the conformance corpus, whose pendulum 2 takes offsets from its own older zone data.
   */
  @Test
  void strftimeWritesOffsetSecondsAndTheAbbreviationBeforeAZonesFirstTransition() {
    assertThat(
            render(
                "{{ logical_date.replace(year=1960).in_timezone('Africa/Monrovia')"
                    + ".strftime('%z %Z') }}"))
        .isEqualTo("-004430 MMT");
    assertThat(
            render(
                "{{ logical_date.replace(year=1800).in_timezone('America/New_York')"
                    + ".strftime('%z %Z') }}"))
        .isEqualTo("-045602 LMT");
    assertThat(render("{{ logical_date.in_timezone('Asia/Kolkata').strftime('%z %Z') }}"))
        .isEqualTo("+0530 IST");
  }

  @Test
  void aZoneOnlyTheJdkKnowsIsRefusedAsPythonsZoneinfoRefusesIt() {
    assertThatThrownBy(() -> render("{{ logical_date.in_timezone('SystemV/AST4') }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Invalid timezone 'SystemV/AST4': it is not in the tz database");
  }

  /**
   * Jinja2 renders these (" a " and True); ProcessFlow fails clearly instead of rendering wrong.
   */
  @Test
  void starredArgumentsOfAFilterFailNamingWhatWorks() {
    assertThatThrownBy(() -> render("{{ 'a' | center(*[3]) }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("'*' works in the arguments of functions, macros and methods");
    assertThatThrownBy(() -> render("{{ 4 is divisibleby(**{'num': 2}) }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("encountered '**'");
  }

  /** Outputs as Jinja2 3.1 renders them with the same files (checked with python3-jinja2). */
  @Test
  void superRendersTheParentsBlockAndFailsWhereThereIsNone(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("base.j2"), "A{% block b %}base{% endblock %}{% block c %}c{% endblock %}Z");
    TemplateEngine withDir = TemplateEngine.builder().searchPath(dir).build();
    Map<String, Object> names = AirflowContext.of(ctx);
    assertThat(
            withDir.render(
                "t", "{% extends 'base.j2' %}{% block b %}[{{ super() }}]{% endblock %}", names))
        .isEqualTo("A[base]cZ");
    assertThat(
            withDir.render(
                "t",
                "{% extends 'base.j2' %}{% block c %}{{ super() }}{{ super() }}{% endblock %}",
                names))
        .isEqualTo("AbaseccZ");
    assertThatThrownBy(() -> withDir.render("t", "x{{ super() }}", names))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("super() has no parent block here");
  }

  /** Outputs as Jinja2 3.1 renders them with the same file (checked with python3-jinja2). */
  @Test
  void anImportedMacrosDefaultNamesAVariableOfItsOwnFile(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("lib.j2"),
        "{% set sep = ';' %}{% macro j(xs, s=sep) %}{{ xs | join(s) }}{% endmacro %}");
    TemplateEngine withDir = TemplateEngine.builder().searchPath(dir).build();
    Map<String, Object> names = AirflowContext.of(ctx);
    assertThat(withDir.render("t", "{% import 'lib.j2' as lib %}{{ lib.j(['a', 'b']) }}", names))
        .isEqualTo("a;b");
    assertThat(
            withDir.render(
                "t",
                "{% from 'lib.j2' import j %}{{ j(['a', 'b']) }}|{{ j(['a', 'b'], '-') }}",
                names))
        .isEqualTo("a;b|a-b");
    assertThat(
            withDir.render(
                "t",
                "{% import 'lib.j2' as lib %}{% set sep = '+' %}{{ lib.j(['a', 'b']) }}{{ sep }}",
                names))
        .isEqualTo("a;b+");
  }

  @Test
  void theClasspathIsSearchedUnderTemplatesOnly() {
    assertThatThrownBy(() -> render("{% include 'META-INF/MANIFEST.MF' %}"))
        .isInstanceOf(TemplateException.class);
    assertThat(render("{% include 'footer.sql' %}"))
        .isEqualTo("-- run manual__2024-01-31T00:00:00+00:00");
  }

  @Test
  void errorsInTemplateFilesNameTheFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("bad.sql"), "select *\nfrom {{ params.missing }}");
    TemplateEngine withDir = TemplateEngine.builder().searchPath(dir).build();
    assertThatThrownBy(
            () ->
                withDir.renderValue("load.sql", "bad.sql", AirflowContext.of(ctx), Set.of(".sql")))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.templateName()).isEqualTo("bad.sql");
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.badName()).isEqualTo("params.missing");
            });
  }

  @Test
  void missingTemplateFileFailsWithItsName() {
    assertThatThrownBy(() -> engine.renderFile("nowhere.sql", AirflowContext.of(ctx)))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("nowhere.sql");
  }

  @Test
  void nestedValuesRenderRecursivelyIntoNewCollections() {
    Map<String, Object> value =
        Map.of(
            "query",
            Map.of("sql", "select '{{ ds }}'", "n", 3),
            "labels",
            List.of("{{ dag.dag_id }}", 5));
    Object rendered = engine.renderValue("configuration", value, AirflowContext.of(ctx), Set.of());
    assertThat(rendered)
        .isEqualTo(
            Map.of(
                "query",
                Map.of("sql", "select '2024-01-31'", "n", 3),
                "labels",
                List.of("etl", 5)));
  }

  @Test
  void nestedErrorsNameThePathToTheValue() {
    Map<String, Object> value = Map.of("query", Map.of("sql", "{{ oops }}"));
    assertThatThrownBy(
            () -> engine.renderValue("configuration", value, AirflowContext.of(ctx), Set.of()))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> assertThat(e.templateName()).isEqualTo("configuration.query.sql"));
  }
}
