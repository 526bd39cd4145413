<#assign subject>${lead.firstName}, how a sales team fixed slow lead follow-up</#assign>
Hi ${lead.firstName},

<#if attempt.afterMissedCall>
I tried calling you but could not reach you, so here is a quick note instead.

</#if>
As a sales leader at ${lead.company}, you know that a lead who waits a day for an answer is already talking to your competitors.

Here is a case study you may find familiar, "${content.title}": a B2B sales team that took more than 24 hours to contact each new lead. Once they agreed a clear service level with marketing (first attempt within four hours, five attempts in two weeks), they doubled their meetings from the same volume of contacts:
${content.url}

With the case comes the sequence template they used, ready to adapt to your process and your reps. There is no pricing and no proposal in it; it is for you and your team to judge whether the approach fits.

How long does it take your team today to make first contact with a new lead?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
