// The parts every public form shares: the error summary at the top, a labelled field with its hint and
// error linked for screen readers, groups of choices, the breadcrumb trail, and the anti-spam pair (a sum
// to answer, and a field people never see and bots fill in). One copy, so the forms look and behave alike.
import type { Challenge } from './challenge.ts';

export type Errors = Record<string, string>;

/** The trail from the home page to this page; the last step is the page itself. */
export function Crumbs(props: { trail: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="当前位置" class="breadcrumb">
      <a href="/">首页</a>
      {props.trail.map((t) => (
        <>
          {' › '}
          {t.href ? <a href={t.href}>{t.label}</a> : <span aria-current="page">{t.label}</span>}
        </>
      ))}
    </nav>
  );
}

/** Every error of the form, in the form's order, each linking to its field (`f-<name>`). */
export function ErrorSummary(props: { errors: Errors; order: string[] }) {
  const keys = props.order.filter((k) => props.errors[k]).concat(Object.keys(props.errors).filter((k) => !props.order.includes(k)));
  if (!keys.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">提交的内容有问题，请修改后重新提交</h2>
      <ul>
        {keys.map((k) => (
          <li>
            <a href={`#f-${k}`}>{props.errors[k]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError(props: { id: string; error?: string }) {
  return props.error ? (
    <p class="field-error" id={`${props.id}-error`}>
      <span class="visually-hidden">错误：</span>
      {props.error}
    </p>
  ) : null;
}

/** One labelled field with its hint and error, linked for screen readers. `prefix` makes its id: f-name. */
export function Field(props: { name: string; label: string; required?: boolean; hint?: string; errors: Errors; prefix?: string; children: (attrs: Record<string, unknown>) => unknown }) {
  const id = `${props.prefix ?? 'f'}-${props.name}`;
  const err = props.errors[props.name];
  const describedBy = [props.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={err ? 'form-field form-field-error' : 'form-field'}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required">（必填）</span> : <span class="optional">（选填）</span>}
      </label>
      {props.hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={id} error={err} />
      {props.children({ id, name: props.name, 'aria-describedby': describedBy, 'aria-invalid': err ? 'true' : undefined, required: props.required })}
    </div>
  );
}

/** A group of check boxes (or radios) with its legend, hint and error. */
export function Choices(props: { name: string; legend: string; type: 'checkbox' | 'radio'; options: { value: string; label: string }[]; checked: string[]; errors: Errors; required?: boolean; hint?: string }) {
  const id = `f-${props.name}`;
  const err = props.errors[props.name];
  return (
    <fieldset class={err ? 'form-field form-field-error' : 'form-field'} id={id} aria-describedby={[props.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend>
        {props.legend}
        {props.required ? <span class="required">（必填）</span> : <span class="optional">（选填）</span>}
      </legend>
      {props.hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={id} error={err} />
      <div class="radios">
        {props.options.map((o) => (
          <label class="radio">
            <input type={props.type} name={props.name} value={o.value} checked={props.checked.includes(o.value)} required={props.type === 'radio' && props.required} /> {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The sum to answer (checked with the signed token by checkChallenge) and the honeypot. `prefix` makes the
 * ids (`<prefix>-challenge`), for forms that name their fields otherwise.
 */
export function ChallengeFields(props: { challenge: Challenge; error?: string; prefix?: string }) {
  const prefix = props.prefix ?? 'f';
  return (
    <>
      <input type="hidden" name="challengeToken" value={props.challenge.token} />
      <Field name="challenge" prefix={prefix} label={`请回答：${props.challenge.question}`} required errors={props.error ? { challenge: props.error } : {}} hint="请填写阿拉伯数字。">
        {(a) => <input {...a} type="text" inputMode="numeric" value="" maxLength={3} autocomplete="off" class="input-short" />}
      </Field>
      {/* Left empty by people: the field is hidden from them, not from careless bots. */}
      <div class="hp" aria-hidden="true">
        <label for={`${prefix}-website`}>网站</label>
        <input id={`${prefix}-website`} type="text" name="website" value="" tabindex={-1} autocomplete="off" />
      </div>
    </>
  );
}
