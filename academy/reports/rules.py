import rules


@rules.predicate
def owns_job(user, job) -> bool:
    return bool(job is not None and user.is_authenticated and job.owner_id == user.pk)


rules.add_perm("reports.view_job", owns_job)
